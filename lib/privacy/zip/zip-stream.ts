import { ZipWriter } from './zip-writer.ts'

/**
 * A zip archive as a response body, written by `produce` while the client reads. The stream's
 * 1 MiB queue is the only buffer: the writer awaits each chunk, so rows and files are fetched only
 * as fast as the browser downloads. A failure aborts the stream, so a cut-off download can never
 * look like a complete archive.
 */
export function zipStream(label: string, produce: (zip: ZipWriter) => Promise<unknown>): ReadableStream<Uint8Array> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>(
    undefined,
    undefined,
    new ByteLengthQueuingStrategy({ highWaterMark: 1 << 20 }),
  )
  const writer = writable.getWriter()
  const zip = new ZipWriter(async (chunk) => {
    await writer.ready
    await writer.write(chunk)
  })
  void (async () => {
    try {
      await produce(zip)
      await zip.finish()
      await writer.close()
    } catch (error) {
      console.error(`[${label}] failed`, error)
      await writer.abort(error).catch(() => undefined)
    }
  })()
  return readable
}

/** A zip download: `zipStream` as an uncached attachment named `<prefix>-<yyyy-mm-dd>.zip`. */
export function zipDownload(label: string, filePrefix: string, produce: (zip: ZipWriter) => Promise<unknown>): Response {
  const day = new Date().toISOString().slice(0, 10)
  return new Response(zipStream(label, produce), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${filePrefix}-${day}.zip"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  })
}
