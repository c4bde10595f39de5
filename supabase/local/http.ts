import type { IncomingMessage, ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds ${limit} bytes`)
  }
}

/** Reads the whole request body, refusing more than `limit` bytes without buffering the excess. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (declared > limit) {
    req.resume()
    throw new BodyTooLargeError(limit)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) {
      req.resume()
      throw new BodyTooLargeError(limit)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer | undefined,
  headers: Record<string, string | number | string[]> = {},
) {
  if (res.headersSent) return
  res.statusMessage = STATUS_CODES[status] ?? ''
  res.writeHead(status, headers)
  res.end(body)
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  send(res, status, body === undefined ? undefined : JSON.stringify(body), {
    'Content-Type': 'application/json; charset=utf-8',
    ...headers,
  })
}

/** The caller's address as GoTrue sees it: X-Forwarded-For first, then the socket. */
export function clientIp(req: IncomingMessage): string {
  const fwd = req.headers['x-forwarded-for']
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim()
  return first || req.socket.remoteAddress || '127.0.0.1'
}

export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization
  const m = h ? /^Bearer\s+(.+)$/i.exec(h) : null
  return m?.[1]?.trim()
}
