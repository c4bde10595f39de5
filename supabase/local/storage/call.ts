import type { IncomingMessage, ServerResponse } from 'node:http'
import { BodyTooLargeError, readBody } from '../http.ts'
import { authenticate, type RequestScope } from './caller.ts'
import { storageErrors } from './errors.ts'
import type { StorageEnv } from './store.ts'

/** JSON bodies of Storage's non-upload routes are small; this caps them. */
const JSON_BODY_LIMIT = 1024 * 1024

/** One request to the Storage API, with lazy authentication and body parsing. */
export class Call {
  constructor(
    readonly env: StorageEnv,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly url: URL,
    /** The path below /storage/v1. */
    readonly path: string,
  ) {}

  get method() {
    return this.req.method ?? 'GET'
  }

  header(name: string): string | undefined {
    const v = this.req.headers[name]
    return Array.isArray(v) ? v[0] : v
  }

  /** Verifies the bearer token and builds the database scope for `operation` (Storage's route operation name, e.g. `storage.object.upload`). */
  async scope(operation: string): Promise<RequestScope> {
    const caller = await authenticate(this.req, this.env.ctx.keys)
    return { caller, method: this.method, path: this.path, headers: this.req.headers, operation }
  }

  async json<T extends object>(): Promise<Partial<T>> {
    let raw: Buffer
    try {
      raw = await readBody(this.req, JSON_BODY_LIMIT)
    } catch (err) {
      if (err instanceof BodyTooLargeError) throw storageErrors.entityTooLarge()
      throw err
    }
    if (raw.length === 0) return {}
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'))
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Partial<T>
    } catch {
      // reported below
    }
    throw storageErrors.invalidRequest('Body is not a valid JSON object')
  }
}
