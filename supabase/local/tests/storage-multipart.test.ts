import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { multipartBoundary, parseMultipart, type PartInfo } from '../storage/multipart.ts'

/** Serialises a form the way undici does, so the parser sees a realistic body. */
async function encode(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const res = new Response(form)
  return { body: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! }
}

async function* chunked(body: Buffer, size: number) {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size)
}

async function collect(body: Buffer, contentType: string, chunkSize: number) {
  const parts: { info: PartInfo; data: Buffer }[] = []
  await parseMultipart(chunked(body, chunkSize), multipartBoundary(contentType)!, (info) => {
    const chunks: Buffer[] = []
    return {
      async write(chunk) {
        chunks.push(Buffer.from(chunk))
      },
      async end() {
        parts.push({ info, data: Buffer.concat(chunks) })
      },
    }
  })
  return parts
}

describe('multipart/form-data streaming parser', () => {
  const file = randomBytes(70_000)
  // A payload that contains CRLF and dashes, so a naive split on the boundary would break it.
  file.write('\r\n--\r\n--', 100, 'latin1')

  it.each([1, 7, 64, 4096, 1 << 20])('yields every part intact with %i-byte chunks', async (chunkSize) => {
    const form = new FormData()
    form.append('cacheControl', '3600')
    form.append('metadata', JSON.stringify({ a: 1 }))
    form.append('', new Blob([file], { type: 'image/png' }), 'x.png')
    const { body, contentType } = await encode(form)
    const parts = await collect(body, contentType, chunkSize)
    expect(parts.map((p) => [p.info.name, p.info.contentType])).toEqual([
      ['cacheControl', undefined],
      ['metadata', undefined],
      ['', 'image/png'],
    ])
    expect(parts[0]!.data.toString()).toBe('3600')
    expect(parts[1]!.data.toString()).toBe('{"a":1}')
    expect(parts[2]!.data.equals(file)).toBe(true)
  })

  it('rejects a truncated body', async () => {
    const form = new FormData()
    form.append('', new Blob([file]), 'x.bin')
    const { body, contentType } = await encode(form)
    await expect(collect(body.subarray(0, body.length - 10), contentType, 512)).rejects.toThrow('Unexpected end of form')
  })

  it('reads the boundary from quoted and bare parameters, and only for form data', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc')).toBe('abc')
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b')
    expect(multipartBoundary('text/plain; boundary=abc')).toBeUndefined()
  })
})
