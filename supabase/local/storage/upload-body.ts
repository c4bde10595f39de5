import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { storageErrors } from './errors.ts'
import { isMultipart, MultipartError, parseMultipart, type PartSink } from './multipart.ts'

/** An upload body, stored in a temp file and measured; the caller moves or deletes `tmpPath`. */
export interface ReceivedFile {
  tmpPath: string
  size: number
  eTag: string
  mimetype: string
  cacheControl: string
  userMetadata: Record<string, unknown> | null
}

export interface UploadLimits {
  /** Bytes; the upload is refused as soon as the stream passes it. */
  maxBytes: number
  allowedMimeTypes: string[] | null
}

const DEFAULT_CACHE_CONTROL = 'no-cache'
const MAX_FIELD_BYTES = 64 * 1024

/**
 * Storage's MIME rule: the type must have a subtype, and an allowed entry matches on type
 * and subtype, `type/*` on type alone. Parameters (`;charset=…`) are not part of the match.
 */
export function assertMimeAllowed(mime: string, allowed: string[] | null) {
  const [type, subtype] = mime.split(';')[0]!.trim().toLowerCase().split('/')
  if (!type || !subtype) throw storageErrors.invalidMimeType(mime)
  if (!allowed || allowed.length === 0) return
  const ok = allowed.some((entry) => {
    const [t, s] = entry.trim().toLowerCase().split('/')
    return t === type && (s === '*' || s === subtype)
  })
  if (!ok) throw storageErrors.invalidMimeType(mime)
}

function parseUserMetadata(raw: string | undefined, base64: boolean): Record<string, unknown> | null {
  if (raw === undefined || raw === '') return null
  try {
    const parsed: unknown = JSON.parse(base64 ? Buffer.from(raw, 'base64').toString('utf8') : raw)
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>
  } catch {
    // fall through to the error below
  }
  throw storageErrors.invalidRequest('Invalid metadata')
}

function cacheControlFrom(value: string | undefined): string {
  if (!value) return DEFAULT_CACHE_CONTROL
  return /^\d+$/.test(value) ? `max-age=${value}` : value
}

/** Writes bytes to a temp file, hashing and counting, and refuses to pass the byte limit. */
class TempFile implements PartSink {
  readonly path: string
  size = 0
  private readonly hash = createHash('md5')
  private readonly out: WriteStream
  private failure: Error | undefined

  constructor(
    dir: string,
    private readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true })
    this.path = join(dir, randomUUID())
    this.out = createWriteStream(this.path, { flags: 'wx' })
    this.out.on('error', (err) => {
      this.failure = err
    })
  }

  async write(chunk: Buffer) {
    if (this.failure) throw this.failure
    this.size += chunk.length
    if (this.size > this.maxBytes) throw storageErrors.entityTooLarge()
    this.hash.update(chunk)
    if (!this.out.write(chunk)) await new Promise<void>((ok) => this.out.once('drain', ok))
  }

  async end() {
    await new Promise<void>((ok, fail) => {
      if (this.failure) return fail(this.failure)
      this.out.end(() => (this.failure ? fail(this.failure) : ok()))
    })
  }

  /** Waits for the stream to close first: a file still being opened would otherwise appear after the delete. */
  async discard() {
    if (!this.out.closed) {
      await new Promise<void>((ok) => {
        this.out.once('close', () => ok())
        this.out.destroy()
      })
    }
    await rm(this.path, { force: true })
  }

  eTag() {
    return `"${this.hash.digest('hex')}"`
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/**
 * Receives an upload body: multipart/form-data with the file under the empty field name
 * (and `cacheControl` / `metadata` fields), or the raw bytes with `content-type`,
 * `cache-control` and base64 `x-metadata` headers. On any failure nothing is left on disk
 * and the rest of the request is drained so the error response still reaches the client.
 */
export async function receiveUpload(req: IncomingMessage, tmpDir: string, limits: UploadLimits): Promise<ReceivedFile> {
  // Set from inside the multipart callback, so kept in an object the compiler does not narrow.
  const slot: { file?: TempFile } = {}
  try {
    const contentType = header(req, 'content-type')
    if (isMultipart(contentType)) {
      const fields = new Map<string, string>()
      let mimetype = 'application/octet-stream'
      await parseMultipart(
        req,
        req.headers,
        {
          file(part) {
            if (slot.file) throw storageErrors.invalidRequest('Only one file per upload is supported')
            mimetype = part.contentType
            assertMimeAllowed(mimetype, limits.allowedMimeTypes)
            slot.file = new TempFile(tmpDir, limits.maxBytes)
            return slot.file
          },
          field: (name, value) => fields.set(name, value),
        },
        MAX_FIELD_BYTES,
      )
      const done = slot.file
      if (!done) throw storageErrors.invalidRequest('No content provided')
      return {
        tmpPath: done.path,
        size: done.size,
        eTag: done.eTag(),
        mimetype,
        cacheControl: cacheControlFrom(fields.get('cacheControl')),
        userMetadata: parseUserMetadata(fields.get('metadata'), false),
      }
    }

    const mimetype = contentType ?? 'text/plain;charset=UTF-8'
    assertMimeAllowed(mimetype, limits.allowedMimeTypes)
    const userMetadata = parseUserMetadata(header(req, 'x-metadata'), true)
    if (Number(header(req, 'content-length') ?? 0) > limits.maxBytes) throw storageErrors.entityTooLarge()
    const raw = new TempFile(tmpDir, limits.maxBytes)
    slot.file = raw
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) await raw.write(chunk)
    await raw.end()
    return {
      tmpPath: raw.path,
      size: raw.size,
      eTag: raw.eTag(),
      mimetype,
      cacheControl: cacheControlFrom(header(req, 'cache-control')),
      userMetadata,
    }
  } catch (err) {
    await slot.file?.discard()
    req.resume()
    if (err instanceof MultipartError) throw storageErrors.invalidRequest(err.message)
    throw err
  }
}
