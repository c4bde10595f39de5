/** One part of a multipart/form-data body, as announced by its headers. */
export interface PartInfo {
  name: string
  filename: string | undefined
  contentType: string | undefined
}

/** Receives one part's bytes in order; `write` may apply backpressure by awaiting. */
export interface PartSink {
  write(chunk: Buffer): Promise<void>
  end(): Promise<void>
}

export class MultipartError extends Error {}

const MAX_HEADER_BYTES = 16 * 1024
const CRLF = Buffer.from('\r\n')
const HEADER_END = Buffer.from('\r\n\r\n')

export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  return m?.[1] ?? m?.[2]
}

function parsePartHeaders(raw: string): PartInfo {
  let disposition = ''
  let contentType: string | undefined
  for (const line of raw.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const key = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (key === 'content-disposition') disposition = value
    else if (key === 'content-type') contentType = value
  }
  if (!/^form-data\b/i.test(disposition)) throw new MultipartError('Part without form-data disposition')
  const param = (p: string) => new RegExp(`;\\s*${p}="([^"]*)"`, 'i').exec(disposition)?.[1]
  const name = param('name')
  if (name === undefined) throw new MultipartError('Part without a name')
  return { name, filename: param('filename'), contentType }
}

type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done'

/**
 * Streams a multipart/form-data body part by part without holding more than one chunk
 * plus a delimiter in memory; file parts go straight to their sink.
 */
export async function parseMultipart(
  source: AsyncIterable<Buffer>,
  boundary: string,
  onPart: (part: PartInfo) => PartSink,
): Promise<void> {
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  // A leading CRLF lets the first boundary match the same delimiter as the others.
  let buf: Buffer = Buffer.from(CRLF)
  let state = 'preamble' as State
  let sink: PartSink | undefined

  const drain = async () => {
    for (;;) {
      if (state === 'preamble') {
        const at = buf.indexOf(delimiter)
        if (at < 0) {
          buf = buf.subarray(Math.max(0, buf.length - delimiter.length))
          return
        }
        buf = buf.subarray(at + delimiter.length)
        state = 'after-delimiter'
      } else if (state === 'after-delimiter') {
        if (buf.length < 2) return
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done'
          return
        }
        const eol = buf.indexOf(CRLF)
        if (eol < 0) return
        buf = buf.subarray(eol + 2)
        state = 'headers'
      } else if (state === 'headers') {
        const end = buf.indexOf(HEADER_END)
        if (end < 0) {
          if (buf.length > MAX_HEADER_BYTES) throw new MultipartError('Part headers too large')
          return
        }
        sink = onPart(parsePartHeaders(buf.subarray(0, end).toString('utf8')))
        buf = buf.subarray(end + HEADER_END.length)
        state = 'body'
      } else if (state === 'body') {
        const at = buf.indexOf(delimiter)
        if (at < 0) {
          const safe = buf.length - delimiter.length
          if (safe > 0) {
            await sink!.write(buf.subarray(0, safe))
            buf = buf.subarray(safe)
          }
          return
        }
        await sink!.write(buf.subarray(0, at))
        await sink!.end()
        sink = undefined
        buf = buf.subarray(at + delimiter.length)
        state = 'after-delimiter'
      } else {
        return
      }
    }
  }

  for await (const chunk of source) {
    if (state === 'done') continue
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk])
    await drain()
  }
  if (state !== 'done') throw new MultipartError('Unexpected end of form')
}
