import { createHash, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRIVATE, PRIVATE_LIMIT, PUBLIC, startStorageHarness, type StorageHarness } from './fixtures/storage/harness.ts'

let h: StorageHarness
beforeAll(async () => {
  h = await startStorageHarness()
})
afterAll(() => h?.stop())

const text = (s: string) => Buffer.from(s, 'utf8')

async function rowsNamed(name: string) {
  return h.stack.sql`select name, owner, owner_id, version, metadata from storage.objects where name = ${name}`
}

describe('upload and download as the owner', () => {
  it('stores the bytes, the row and the metadata Storage writes', async () => {
    const path = `${h.alice.id}/notes/first.txt`
    const { data, error } = await h.alice.client.storage
      .from(PRIVATE)
      .upload(path, text('hello storage'), { contentType: 'text/plain', cacheControl: '120' })
    expect(error).toBeNull()
    expect(data).toMatchObject({ path, fullPath: `${PRIVATE}/${path}` })
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/)

    const [row] = await rowsNamed(path)
    expect(row).toMatchObject({ owner: h.alice.id, owner_id: h.alice.id })
    expect(row?.version).toMatch(/^[0-9a-f-]{36}$/)
    expect(row?.metadata).toMatchObject({
      size: 13,
      contentLength: 13,
      mimetype: 'text/plain',
      cacheControl: 'max-age=120',
      httpStatusCode: 200,
      eTag: `"${createHash('md5').update('hello storage').digest('hex')}"`,
    })
    expect(h.filesOnDisk()).toContain(`${PRIVATE}/${path}/${row?.version}`)

    const download = await h.alice.client.storage.from(PRIVATE).download(path)
    expect(download.error).toBeNull()
    expect(await download.data?.text()).toBe('hello storage')
  })

  it('uploads a Blob as multipart/form-data with user metadata', async () => {
    const path = `${h.alice.id}/scan.png`
    const blob = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: 'image/png' })
    const { error } = await h.alice.client.storage.from(PRIVATE).upload(path, blob, { metadata: { week: 12 } })
    expect(error).toBeNull()
    const { data: info, error: infoError } = await h.alice.client.storage.from(PRIVATE).info(path)
    expect(infoError).toBeNull()
    expect(info).toMatchObject({ name: path, size: 7, contentType: 'image/png', metadata: { week: 12 } })
    const { data } = await h.alice.client.storage.from(PRIVATE).download(path)
    expect(Buffer.from(await data!.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))
  })

  it('answers a download with Content-Type, Content-Length, ETag, Last-Modified, Cache-Control and attachment', async () => {
    const path = `${h.alice.id}/headers.txt`
    await h.alice.client.storage.from(PRIVATE).upload(path, text('abc'), { contentType: 'text/plain' })
    const res = await fetch(`${h.storageUrl}/object/authenticated/${PRIVATE}/${path}?download=report.txt`, {
      headers: { Authorization: `Bearer ${h.alice.token}`, apikey: h.stack.anonKey },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain')
    expect(res.headers.get('content-length')).toBe('3')
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    expect(new Date(res.headers.get('last-modified')!).getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(res.headers.get('cache-control')).toBe('max-age=3600')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="report.txt"/)
    expect(await res.text()).toBe('abc')

    const part = await fetch(`${h.storageUrl}/object/${PRIVATE}/${path}`, {
      headers: { Authorization: `Bearer ${h.alice.token}`, Range: 'bytes=1-' },
    })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe('bytes 1-2/3')
    expect(await part.text()).toBe('bc')

    const again = await fetch(`${h.storageUrl}/object/${PRIVATE}/${path}`, {
      headers: { Authorization: `Bearer ${h.alice.token}`, 'If-None-Match': res.headers.get('etag')! },
    })
    expect(again.status).toBe(304)
  })

  it('refuses a second upload without upsert (409) and replaces the bytes with upsert', async () => {
    const path = `${h.alice.id}/dup.txt`
    const bucket = h.alice.client.storage.from(PRIVATE)
    expect((await bucket.upload(path, text('one'))).error).toBeNull()
    const [before] = await rowsNamed(path)
    const dup = await bucket.upload(path, text('two'))
    expect(dup.error).toMatchObject({ status: 400, statusCode: '409', message: 'The resource already exists' })
    expect((await bucket.upload(path, text('three'), { upsert: true })).error).toBeNull()
    const [after] = await rowsNamed(path)
    expect(after?.version).not.toBe(before?.version)
    expect(await (await bucket.download(path)).data?.text()).toBe('three')
    const versions = h.filesOnDisk().filter((f) => f.startsWith(`${PRIVATE}/${path}/`))
    expect(versions).toEqual([`${PRIVATE}/${path}/${after?.version}`])
  })

  it('keeps x-metadata of a raw upload as user metadata', async () => {
    const path = `${h.alice.id}/tagged.txt`
    const bucket = h.alice.client.storage.from(PRIVATE)
    expect((await bucket.upload(path, text('t'), { metadata: { kind: 'birth-plan' } })).error).toBeNull()
    expect((await bucket.info(path)).data).toMatchObject({ metadata: { kind: 'birth-plan' }, contentType: 'text/plain;charset=UTF-8' })
  })

  it('answers NoSuchBucket for an unknown bucket and stores nothing', async () => {
    const before = h.filesOnDisk()
    const { error } = await h.alice.client.storage.from('nope').upload(`${h.alice.id}/x.txt`, text('x'))
    expect(error).toMatchObject({ status: 400, statusCode: '404', message: 'Bucket not found' })
    expect(h.filesOnDisk()).toEqual(before)
    expect(h.tempFiles()).toEqual([])
  })

  it('reports existence with HEAD', async () => {
    const bucket = h.alice.client.storage.from(PRIVATE)
    await bucket.upload(`${h.alice.id}/exists.txt`, text('x'))
    expect((await bucket.exists(`${h.alice.id}/exists.txt`)).data).toBe(true)
    expect((await bucket.exists(`${h.alice.id}/missing.txt`)).data).toBe(false)
  })

  it('serves public buckets without a token and hides private ones behind "Bucket not found"', async () => {
    const path = `${h.alice.id}/logo.txt`
    expect((await h.alice.client.storage.from(PUBLIC).upload(path, text('public!'))).error).toBeNull()
    const { publicUrl } = h.anon.storage.from(PUBLIC).getPublicUrl(path).data
    const res = await fetch(publicUrl)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('public!')

    const priv = await fetch(`${h.storageUrl}/object/public/${PRIVATE}/${h.alice.id}/notes/first.txt`)
    expect(priv.status).toBe(400)
    expect(await priv.json()).toEqual({
      statusCode: '404',
      code: 'NoSuchBucket',
      error: 'Bucket not found',
      message: 'Bucket not found',
    })
  })
})

describe('isolation between two users (RLS on storage.objects)', () => {
  const alicePath = () => `${h.alice.id}/private/plan.txt`

  beforeAll(async () => {
    const { error } = await h.alice.client.storage.from(PRIVATE).upload(alicePath(), text('alice only'))
    expect(error).toBeNull()
  })

  it('bob cannot download, get info on or sign alice\'s object', async () => {
    const bucket = h.bob.client.storage.from(PRIVATE)
    const download = await bucket.download(alicePath())
    expect(download.error).toMatchObject({ status: 400, statusCode: '404', message: 'Object not found' })
    expect((await bucket.info(alicePath())).error).toMatchObject({ statusCode: '404' })
    expect((await bucket.createSignedUrl(alicePath(), 60)).error).toMatchObject({ statusCode: '404' })
    expect((await bucket.exists(alicePath())).data).toBe(false)
  })

  it('bob cannot overwrite alice\'s object, with or without upsert, and nothing changes', async () => {
    const [before] = await rowsNamed(alicePath())
    const filesBefore = h.filesOnDisk()
    const bucket = h.bob.client.storage.from(PRIVATE)
    for (const upsert of [false, true]) {
      const { error } = await bucket.upload(alicePath(), text('bob was here'), { upsert })
      expect(error).toMatchObject({ status: 400, statusCode: '403', message: 'new row violates row-level security policy' })
    }
    expect((await bucket.update(alicePath(), text('bob again'))).error).toMatchObject({ statusCode: '403' })
    expect(await rowsNamed(alicePath())).toEqual([before])
    expect(h.filesOnDisk().sort()).toEqual(filesBefore.sort())
    expect(await (await h.alice.client.storage.from(PRIVATE).download(alicePath())).data?.text()).toBe('alice only')
  })

  it('bob cannot write into alice\'s folder', async () => {
    const { error } = await h.bob.client.storage.from(PRIVATE).upload(`${h.alice.id}/from-bob.txt`, text('x'))
    expect(error).toMatchObject({ statusCode: '403' })
    expect(await rowsNamed(`${h.alice.id}/from-bob.txt`)).toEqual([])
  })

  it('bob lists nothing in alice\'s folder; alice sees her files and sub-folders', async () => {
    const bobList = await h.bob.client.storage.from(PRIVATE).list(h.alice.id)
    expect(bobList).toEqual({ data: [], error: null })

    const { data, error } = await h.alice.client.storage.from(PRIVATE).list(h.alice.id)
    expect(error).toBeNull()
    const names = data!.map((e) => e.name)
    expect(names).toEqual(expect.arrayContaining(['notes', 'private', 'scan.png', 'dup.txt']))
    const folder = data!.find((e) => e.name === 'private')
    expect(folder).toMatchObject({ id: null, metadata: null })
    const file = data!.find((e) => e.name === 'scan.png')
    expect(file?.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(file?.metadata).toMatchObject({ size: 7, mimetype: 'image/png' })

    const searched = await h.alice.client.storage.from(PRIVATE).list(h.alice.id, { search: 'sc', limit: 10 })
    expect(searched.data?.map((e) => e.name)).toEqual(['scan.png'])
  })

  it('a root listing shows each user only their own folder', async () => {
    await h.bob.client.storage.from(PRIVATE).upload(`${h.bob.id}/mine.txt`, text('bob'))
    const alice = await h.alice.client.storage.from(PRIVATE).list()
    expect(alice.data?.map((e) => [e.name, e.id])).toEqual([[h.alice.id, null]])
    const bob = await h.bob.client.storage.from(PRIVATE).list()
    expect(bob.data?.map((e) => [e.name, e.id])).toEqual([[h.bob.id, null]])
  })

  it('pages and sorts listings', async () => {
    const bucket = h.alice.client.storage.from(PRIVATE)
    for (const n of ['p1.txt', 'p2.txt', 'p3.txt']) await bucket.upload(`${h.alice.id}/paged/${n}`, text(n))
    const page = await bucket.list(`${h.alice.id}/paged`, { limit: 2, offset: 1, sortBy: { column: 'name', order: 'desc' } })
    expect(page.data?.map((e) => e.name)).toEqual(['p2.txt', 'p1.txt'])
    const newest = await bucket.list(`${h.alice.id}/paged`, { limit: 1, sortBy: { column: 'created_at', order: 'desc' } })
    expect(newest.data?.map((e) => e.name)).toEqual(['p3.txt'])
  })

  it('bob\'s remove of alice\'s object is silently skipped; alice\'s remove deletes row and bytes', async () => {
    const { data: skipped, error } = await h.bob.client.storage.from(PRIVATE).remove([alicePath()])
    expect(error).toBeNull()
    expect(skipped).toEqual([])
    const [row] = await rowsNamed(alicePath())
    expect(row).toBeDefined()
    expect(h.filesOnDisk()).toContain(`${PRIVATE}/${alicePath()}/${row?.version}`)

    const { data: removed } = await h.alice.client.storage.from(PRIVATE).remove([alicePath()])
    expect(removed).toHaveLength(1)
    expect(removed?.[0]).toMatchObject({ name: alicePath(), bucket_id: PRIVATE, owner_id: h.alice.id })
    expect(await rowsNamed(alicePath())).toEqual([])
    expect(h.filesOnDisk().some((f) => f.startsWith(`${PRIVATE}/${alicePath()}`))).toBe(false)
  })

  it('an anonymous caller reads nothing from the private bucket', async () => {
    const { error } = await h.anon.storage.from(PRIVATE).download(`${h.alice.id}/notes/first.txt`)
    expect(error).toMatchObject({ statusCode: '404' })
    expect((await h.anon.storage.from(PRIVATE).upload('anon.txt', text('x'))).error).toMatchObject({ statusCode: '403' })
  })
})

describe('limits and key validation', () => {
  it('rejects an oversize upload with EntityTooLarge and leaves no row and no file', async () => {
    const path = `${h.alice.id}/big.txt`
    const before = h.filesOnDisk()
    const { error } = await h.alice.client.storage.from(PRIVATE).upload(path, Buffer.alloc(PRIVATE_LIMIT + 1, 97))
    expect(error).toMatchObject({
      status: 400,
      statusCode: '413',
      message: 'The object exceeded the maximum allowed size',
    })
    expect(await rowsNamed(path)).toEqual([])
    expect(h.filesOnDisk()).toEqual(before)
  })

  it('rejects an oversize multipart upload the same way', async () => {
    const path = `${h.alice.id}/big.pdf`
    const before = h.filesOnDisk()
    const blob = new Blob([Buffer.alloc(PRIVATE_LIMIT + 10, 1)], { type: 'application/pdf' })
    const { error } = await h.alice.client.storage.from(PRIVATE).upload(path, blob)
    expect(error).toMatchObject({ statusCode: '413' })
    expect(await rowsNamed(path)).toEqual([])
    expect(h.filesOnDisk()).toEqual(before)
  })

  it('rejects an oversize streamed body (no Content-Length) and leaves no temp file', async () => {
    const path = `${h.alice.id}/stream.txt`
    const before = h.filesOnDisk()
    const body = Readable.from(
      (function* () {
        yield Buffer.alloc(PRIVATE_LIMIT / 4, 97)
        yield Buffer.alloc(PRIVATE_LIMIT * 2, 97)
      })(),
    )
    const { error } = await h.alice.client.storage.from(PRIVATE).upload(path, body, { contentType: 'text/plain' })
    expect(error).toMatchObject({ statusCode: '413' })
    expect(await rowsNamed(path)).toEqual([])
    expect(h.filesOnDisk()).toEqual(before)
    expect(h.tempFiles()).toEqual([])
  })

  it('streams a multi-megabyte file through intact (global limit, public bucket)', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17)
    const path = `${h.alice.id}/big.bin`
    const blob = new Blob([bytes], { type: 'application/octet-stream' })
    expect((await h.alice.client.storage.from(PUBLIC).upload(path, blob)).error).toBeNull()
    const res = await fetch(h.anon.storage.from(PUBLIC).getPublicUrl(path).data.publicUrl)
    expect(res.headers.get('content-length')).toBe(String(bytes.length))
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)
    expect(h.tempFiles()).toEqual([])
  })

  it('accepts exactly the limit', async () => {
    const path = `${h.alice.id}/exact.txt`
    const { error } = await h.alice.client.storage.from(PRIVATE).upload(path, Buffer.alloc(PRIVATE_LIMIT, 97))
    expect(error).toBeNull()
  })

  it('rejects a MIME type the bucket does not allow with InvalidMimeType and leaves nothing', async () => {
    const path = `${h.alice.id}/page.html`
    const before = h.filesOnDisk()
    const { error } = await h.alice.client.storage
      .from(PRIVATE)
      .upload(path, text('<p>hi</p>'), { contentType: 'text/html' })
    expect(error).toMatchObject({ status: 400, statusCode: '415', message: 'mime type text/html is not supported' })
    expect(await rowsNamed(path)).toEqual([])
    expect(h.filesOnDisk()).toEqual(before)
  })

  it('matches `type/*` entries on the type', async () => {
    const { error } = await h.alice.client.storage
      .from(PRIVATE)
      .upload(`${h.alice.id}/photo.jpg`, Buffer.from([0xff, 0xd8]), { contentType: 'image/jpeg' })
    expect(error).toBeNull()
  })

  it.each([
    ['a parent segment', '../escape.txt'],
    ['a nested parent segment', 'x/../../escape.txt'],
    ['a dot segment', './x.txt'],
    ['an encoded parent segment', '%2e%2e/escape.txt'],
    ['a backslash', '..\\escape.txt'],
    ['an encoded control character', 'bad%01name.txt'],
    ['an absolute path after the bucket', '%2Fetc%2Fpasswd'],
  ])('rejects a key with %s as InvalidKey', async (_label, suffix) => {
    const before = h.filesOnDisk()
    const res = await h.raw({
      method: 'POST',
      path: `/storage/v1/object/${PRIVATE}/${h.alice.id}/${suffix}`,
      headers: { Authorization: `Bearer ${h.alice.token}`, 'Content-Type': 'text/plain' },
      body: 'payload',
    })
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body)).toMatchObject({ statusCode: '400', code: 'InvalidKey' })
    expect(h.filesOnDisk()).toEqual(before)
    expect(await h.stack.sql`select name from storage.objects where name like '%escape%' or name like '%x.txt'`).toEqual([])
  })

  it('keeps serving after malformed input', async () => {
    const junk = await fetch(`${h.storageUrl}/object/list/${PRIVATE}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.alice.token}`, 'Content-Type': 'application/json' },
      body: '{not json',
    })
    expect(junk.status).toBe(400)
    const badForm = await fetch(`${h.storageUrl}/object/${PRIVATE}/${h.alice.id}/form.txt`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.alice.token}`, 'Content-Type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name=""\r\n\r\nunterminated',
    })
    expect(badForm.status).toBe(400)
    expect(await rowsNamed(`${h.alice.id}/form.txt`)).toEqual([])
    const unknown = await fetch(`${h.storageUrl}/nothing/here`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ statusCode: 404, error: 'Not Found' })
    expect((await h.alice.client.storage.from(PRIVATE).list(h.alice.id)).error).toBeNull()
  })

  it('answers a bad token with AccessDenied', async () => {
    const res = await fetch(`${h.storageUrl}/object/list/${PRIVATE}`, {
      method: 'POST',
      headers: { Authorization: 'Bearer not-a-jwt', 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ statusCode: '403', code: 'AccessDenied', error: 'Unauthorized' })
  })
})
