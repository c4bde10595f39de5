import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { isMultipart, parseMultipart, type PartInfo } from '../storage/multipart.ts'

/** Serialises a form the way undici does, so the parser sees a realistic body. */
async function encode(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const res = new Response(form)
  return { body: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! }
}

function chunked(body: Buffer, size: number): Readable {
  const chunks: Buffer[] = []
  for (let i = 0; i < body.length; i += size) chunks.push(body.subarray(i, i + size))
  return Readable.from(chunks, { objectMode: false })
}

async function collect(body: Buffer, contentType: string, chunkSize: number, maxFieldBytes = 1024) {
  const files: { info: PartInfo; data: Buffer }[] = []
  const fields: [string, string][] = []
  await parseMultipart(
    chunked(body, chunkSize),
    { 'content-type': contentType },
    {
      file(info) {
        const chunks: Buffer[] = []
        return {
          async write(chunk) {
            // A slow sink: the parser must wait for it rather than buffer the body.
            await new Promise((ok) => setImmediate(ok))
            chunks.push(Buffer.from(chunk))
          },
          async end() {
            files.push({ info, data: Buffer.concat(chunks) })
          },
        }
      },
      field: (name, value) => fields.push([name, value]),
    },
    maxFieldBytes,
  )
  return { files, fields }
}

describe('multipart/form-data (busboy)', () => {
  const file = randomBytes(70_000)
  // A payload that contains CRLF and dashes, so a naive split on the boundary would break it.
  file.write('\r\n--\r\n--', 100, 'latin1')

  it.each([1, 7, 64, 4096, 1 << 20])('yields every field and the file intact with %i-byte chunks', async (chunkSize) => {
    const form = new FormData()
    form.append('cacheControl', '3600')
    form.append('metadata', JSON.stringify({ a: 1 }))
    form.append('', new Blob([file], { type: 'image/png' }), 'x.png')
    const { body, contentType } = await encode(form)
    const { files, fields } = await collect(body, contentType, chunkSize)
    expect(fields).toEqual([
      ['cacheControl', '3600'],
      ['metadata', '{"a":1}'],
    ])
    expect(files.map((f) => f.info)).toEqual([{ name: '', filename: 'x.png', contentType: 'image/png' }])
    expect(files[0]!.data.equals(file)).toBe(true)
  })

  it('rejects a truncated body', async () => {
    const form = new FormData()
    form.append('', new Blob([file]), 'x.bin')
    const { body, contentType } = await encode(form)
    await expect(collect(body.subarray(0, body.length - 10), contentType, 512)).rejects.toThrow('Unexpected end of form')
  })

  it('rejects a field over the limit instead of truncating it', async () => {
    const form = new FormData()
    form.append('metadata', 'x'.repeat(2000))
    const { body, contentType } = await encode(form)
    await expect(collect(body, contentType, 512, 1024)).rejects.toThrow('Field metadata is too large')
  })

  it('rejects form data without a boundary', async () => {
    await expect(collect(Buffer.from('x'), 'multipart/form-data', 512)).rejects.toThrow(/boundary/i)
  })

  it('treats only multipart/form-data as a form', () => {
    expect(isMultipart('multipart/form-data; boundary=abc')).toBe(true)
    expect(isMultipart('Multipart/Form-Data; boundary="a b"')).toBe(true)
    expect(isMultipart('text/plain; boundary=abc')).toBe(false)
    expect(isMultipart(undefined)).toBe(false)
  })
})
