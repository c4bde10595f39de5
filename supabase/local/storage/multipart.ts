import type { IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import busboy from 'busboy'

/** One file part of a multipart/form-data body, as announced by its headers. */
export interface PartInfo {
  name: string
  filename: string | undefined
  /** The part's Content-Type; `text/plain` when it names none (RFC 7578), as busboy reports it. */
  contentType: string
}

/** Receives one part's bytes in order; `write` may apply backpressure by awaiting. */
export interface PartSink {
  write(chunk: Buffer): Promise<void>
  end(): Promise<void>
}

export interface MultipartHandlers {
  /** A part with a filename (storage-js sends the file as field '' with one), as busboy tells files from fields. */
  file(part: PartInfo): PartSink
  field(name: string, value: string): void
}

export class MultipartError extends Error {}

export const isMultipart = (contentType: string | undefined) => contentType !== undefined && /^multipart\/form-data\b/i.test(contentType)

/**
 * Streams a multipart/form-data body through busboy. File parts go to their sink chunk by chunk; the
 * body is only read as fast as the sinks write. The first failure (a sink's, a field over
 * `maxFieldBytes`, or a malformed body) stops reading and rejects; the caller drains the rest.
 */
export function parseMultipart(source: Readable, headers: IncomingHttpHeaders, handlers: MultipartHandlers, maxFieldBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers,
        defParamCharset: 'utf8',
        limits: { fieldSize: maxFieldBytes },
      })
    } catch (err) {
      reject(new MultipartError(err instanceof Error ? err.message : String(err)))
      return
    }
    let failed = false
    const writes: Promise<void>[] = []
    const fail = (err: unknown) => {
      if (failed) return
      failed = true
      source.unpipe(parser)
      reject(err)
    }
    parser.on('file', (name, stream, info) => {
      if (failed) return void stream.resume()
      writes.push(
        (async () => {
          // busboy reports an empty field name (what storage-js sends) as undefined.
          const sink = handlers.file({ name: name ?? '', filename: info.filename, contentType: info.mimeType })
          for await (const chunk of stream as AsyncIterable<Buffer>) await sink.write(chunk)
          await sink.end()
        })().catch((err: unknown) => {
          stream.resume()
          fail(err)
        }),
      )
    })
    parser.on('field', (name, value, info) => {
      if (failed) return
      if (info.valueTruncated) fail(new MultipartError(`Field ${name} is too large`))
      else handlers.field(name, value)
    })
    parser.on('error', (err: Error) => fail(new MultipartError(err.message)))
    parser.on('close', () => {
      void Promise.all(writes).then(() => {
        if (!failed) resolve()
      })
    })
    source.pipe(parser)
  })
}
