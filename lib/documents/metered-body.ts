import { SNIFF_BYTES } from './file-type'

export type MeteredBody =
  | { empty: true }
  | {
      empty: false
      /** At most SNIFF_BYTES leading bytes, for the type check. */
      head: Uint8Array
      /** The whole body again, head included, erroring as soon as it passes the limit. */
      stream: ReadableStream<Uint8Array>
      /** Bytes handed on so far; the final size once `stream` has ended. */
      bytesRead: () => number
      /** True once the body passed the limit (the source was cancelled there). */
      tooLarge: () => boolean
      /** Releases the source when the stream was not read to its end (a refusal before upload). */
      discard: () => Promise<void>
    }

export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`The body is larger than ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

/**
 * Wraps a request body so it can be checked and forwarded without ever being held whole: the
 * first chunks are read to sniff the type, then everything is passed on one chunk at a time as
 * the consumer pulls. The source is cancelled at the first byte past `limit`, so an oversized
 * upload is never read to its end; at most one chunk (about 64 KiB) is in hand at any time.
 */
export async function meterBody(body: ReadableStream<Uint8Array> | null, limit: number): Promise<MeteredBody> {
  if (!body) return { empty: true }
  const reader = body.getReader()
  const pending: Uint8Array[] = []
  let buffered = 0
  let ended = false
  while (buffered < SNIFF_BYTES) {
    const { done, value } = await reader.read()
    if (done) {
      ended = true
      break
    }
    if (value.byteLength === 0) continue
    pending.push(value)
    buffered += value.byteLength
  }
  if (buffered === 0) return { empty: true }

  const head = new Uint8Array(Math.min(buffered, SNIFF_BYTES))
  let filled = 0
  for (const chunk of pending) {
    if (filled === head.length) break
    const part = chunk.subarray(0, head.length - filled)
    head.set(part, filled)
    filled += part.length
  }

  let size = 0
  let overLimit = false
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk = pending.shift()
        if (!chunk && !ended) {
          const next = await reader.read()
          if (next.done) ended = true
          else chunk = next.value
        }
        if (!chunk) return controller.close()
        size += chunk.byteLength
        if (size > limit) {
          overLimit = true
          await reader.cancel('too large')
          return controller.error(new BodyTooLargeError(limit))
        }
        controller.enqueue(chunk)
      },
      cancel: (reason) => reader.cancel(reason),
    },
    // Pull only when the consumer asks: no read-ahead beyond the chunk being forwarded.
    { highWaterMark: 0 },
  )
  return {
    empty: false,
    head,
    stream,
    bytesRead: () => size,
    tooLarge: () => overLimit,
    discard: async () => {
      if (!ended && !overLimit) await reader.cancel('not needed').catch(() => undefined)
    },
  }
}
