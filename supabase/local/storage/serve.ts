import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import { storageErrors } from './errors.ts'
import { fileOf, type ObjectRow, type StorageEnv } from './store.ts'

function contentDisposition(download: string, objectName: string): string {
  const filename = download || objectName.split('/').pop() || 'download'
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

/** A single `bytes=a-b` / `bytes=a-` / `bytes=-n` range; anything else serves the whole object. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | undefined {
  if (!header) return undefined
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  let start: number
  let end: number
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]))
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  return start > end || start >= size ? 'invalid' : { start, end }
}

export interface ServeOptions {
  headOnly: boolean
  /** The `download` query value: present (even empty) → Content-Disposition attachment. */
  download: string | null
  extraHeaders?: Record<string, string>
}

/** Streams one object's bytes with the headers Storage's renderer sets. */
export async function serveObject(
  env: StorageEnv,
  req: IncomingMessage,
  res: ServerResponse,
  row: ObjectRow,
  options: ServeOptions,
) {
  const path = fileOf(env, row)
  const info = path ? await stat(path).catch(() => undefined) : undefined
  if (!path || !info) throw storageErrors.noSuchKey()
  const meta = row.metadata
  const eTag = meta?.eTag ?? `"${row.version}"`
  const headers: Record<string, string> = {
    'Content-Type': meta?.mimetype ?? 'application/octet-stream',
    'Cache-Control': meta?.cacheControl ?? 'no-cache',
    ETag: eTag,
    'Last-Modified': new Date(meta?.lastModified ?? row.updated_at).toUTCString(),
    'Accept-Ranges': 'bytes',
    ...options.extraHeaders,
  }
  if (options.download !== null) headers['Content-Disposition'] = contentDisposition(options.download, row.name)
  if (req.headers['if-none-match'] === eTag) {
    res.writeHead(304, headers)
    res.end()
    return
  }
  const range = parseRange(req.headers.range, info.size)
  if (range === 'invalid') throw storageErrors.invalidRange()
  const start = range?.start ?? 0
  const end = range?.end ?? info.size - 1
  headers['Content-Length'] = String(info.size === 0 ? 0 : end - start + 1)
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`
  res.writeHead(range ? 206 : 200, headers)
  if (options.headOnly || info.size === 0) {
    res.end()
    return
  }
  await pipeline(createReadStream(path, { start, end }), res)
}
