import type { ServerResponse } from 'node:http'
import { sendJson } from '../http.ts'

/**
 * A Storage API error. Storage renders `{statusCode, code, error, message}` with the
 * status as a string and answers HTTP 400 for every error except "500" ones; only a few
 * routes (the service-role guard) set a real HTTP status, carried in `httpStatus`.
 */
export class StorageError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly error: string = code,
    readonly httpStatus?: number,
  ) {
    super(message)
  }
}

export const storageErrors = {
  noSuchBucket: () => new StorageError('NoSuchBucket', 404, 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => new StorageError('NoSuchKey', 404, 'Object not found', 'not_found'),
  accessDenied: (message = 'Access denied', httpStatus?: number) =>
    new StorageError('AccessDenied', 403, message, 'Unauthorized', httpStatus),
  rlsViolation: () => storageErrors.accessDenied('new row violates row-level security policy'),
  keyAlreadyExists: () => new StorageError('KeyAlreadyExists', 409, 'The resource already exists', 'Duplicate'),
  bucketAlreadyExists: () => new StorageError('BucketAlreadyExists', 409, 'The resource already exists', 'Duplicate'),
  bucketNotEmpty: () => new StorageError('ResourceNotEmpty', 409, 'The bucket you tried to delete is not empty'),
  entityTooLarge: () =>
    new StorageError('EntityTooLarge', 413, 'The object exceeded the maximum allowed size', 'Payload too large'),
  invalidMimeType: (mime: string) =>
    new StorageError('InvalidMimeType', 415, `mime type ${mime} is not supported`, 'invalid_mime_type'),
  invalidJwt: (message = 'Invalid JWT') => new StorageError('InvalidJWT', 400, message),
  invalidSignature: (message = 'Invalid signature') => new StorageError('InvalidSignature', 400, message),
  expiredToken: () => new StorageError('ExpiredToken', 400, 'The provided token has expired.'),
  invalidRange: () => new StorageError('InvalidRange', 400, 'invalid range provided', 'invalid_range'),
  invalidKey: (key: string) => new StorageError('InvalidKey', 400, `Invalid key: ${key}`),
  invalidBucketName: () => new StorageError('InvalidBucketName', 400, 'Bucket name invalid', 'Invalid Input'),
  invalidRequest: (message: string) => new StorageError('InvalidRequest', 400, message),
  invalidFileSizeLimit: () =>
    storageErrors.invalidRequest('Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'),
  missingParameter: (name: string) => new StorageError('MissingParameter', 400, `Missing Required Parameter ${name}`),
  invalidParameter: (name: string) => new StorageError('InvalidParameter', 400, `Invalid Parameter ${name}`),
  internal: () => new StorageError('InternalError', 500, 'Internal server error'),
}

interface PgErrorLike {
  code?: unknown
}

/** Maps the Postgres failures a caller can provoke to the errors Storage answers with. */
export function fromDatabaseError(
  err: unknown,
  onDuplicate: () => StorageError,
  onReferenced: () => StorageError = () =>
    new StorageError('InvalidRequest', 404, 'The related resource does not exist'),
): StorageError | undefined {
  if (err instanceof StorageError) return undefined
  const code = (err as PgErrorLike | null)?.code
  if (code === '42501') return storageErrors.rlsViolation()
  if (code === '23505') return onDuplicate()
  if (code === '23503') return onReferenced()
  return undefined
}

export function sendStorageError(res: ServerResponse, err: StorageError, headOnly = false) {
  const status = err.httpStatus ?? (err.statusCode === 500 ? 500 : 400)
  const body = { statusCode: String(err.statusCode), code: err.code, error: err.error, message: err.message }
  if (headOnly) {
    if (!res.headersSent) {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
      res.end()
    }
    return
  }
  sendJson(res, status, body)
}
