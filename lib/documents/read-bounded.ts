import { MAX_DOCUMENT_BYTES } from './file-type'

export type BoundedRead = { ok: true; bytes: Uint8Array } | { ok: false; tooLarge: true }

/**
 * Reads a request body into one buffer, stopping as soon as it passes `limit` bytes: an oversized
 * upload is refused after at most limit + one chunk, never read to the end. Chunks are copied once,
 * into the final buffer.
 */
export async function readBounded(body: ReadableStream<Uint8Array> | null, limit = MAX_DOCUMENT_BYTES): Promise<BoundedRead> {
  if (!body) return { ok: true, bytes: new Uint8Array(0) }
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel('too large')
      return { ok: false, tooLarge: true }
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { ok: true, bytes }
}
