import { describe, expect, it } from 'vitest'
import { BodyTooLargeError, meterBody } from '@/lib/documents/metered-body'

/** A body delivered in the given chunks, recording how many were read and whether it was cancelled. */
function body(chunks: Uint8Array[]) {
  const state = { read: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[state.read]
        if (!next) return controller.close()
        state.read += 1
        controller.enqueue(next)
      },
      cancel() {
        state.cancelled = true
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, state }
}

const bytes = (...values: number[]) => new Uint8Array(values)

async function drain(stream: ReadableStream<Uint8Array>) {
  const out: number[] = []
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) out.push(...chunk)
  return out
}

describe('meterBody', () => {
  it('reports a missing or zero-byte body as empty', async () => {
    expect(await meterBody(null, 10)).toEqual({ empty: true })
    expect(await meterBody(body([new Uint8Array(0)]).stream, 10)).toEqual({ empty: true })
  })

  it('assembles the sniffing head across small chunks and passes every byte on, in order', async () => {
    const source = body([bytes(1, 2), bytes(3), bytes(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18), bytes(19, 20)])
    const metered = await meterBody(source.stream, 100)
    if (metered.empty) throw new Error('not empty')
    expect([...metered.head]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
    // Only what the head needed was read before the consumer asked for more.
    expect(source.state.read).toBe(3)
    expect(await drain(metered.stream)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(metered.bytesRead()).toBe(20)
    expect(metered.tooLarge()).toBe(false)
  })

  it('errors at the first chunk past the limit and stops reading the source there', async () => {
    const chunk = new Uint8Array(16).fill(7)
    const source = body(Array.from({ length: 10 }, () => chunk))
    const metered = await meterBody(source.stream, 40)
    if (metered.empty) throw new Error('not empty')
    await expect(drain(metered.stream)).rejects.toBeInstanceOf(BodyTooLargeError)
    expect(metered.tooLarge()).toBe(true)
    expect(source.state.read).toBe(3)
    expect(source.state.cancelled).toBe(true)
  })

  it('releases the source when the upload is refused before the body is read', async () => {
    const source = body([new Uint8Array(16), new Uint8Array(16)])
    const metered = await meterBody(source.stream, 100)
    if (metered.empty) throw new Error('not empty')
    await metered.discard()
    expect(source.state.cancelled).toBe(true)
    expect(source.state.read).toBe(1)
  })
})
