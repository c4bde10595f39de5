import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signHs256 } from '../jwt.ts'
import { PRIVATE, startStorageHarness, type StorageHarness } from './fixtures/storage/harness.ts'

let h: StorageHarness
beforeAll(async () => {
  h = await startStorageHarness()
})
afterAll(() => h?.stop())

const text = (s: string) => Buffer.from(s, 'utf8')

describe('signed download URLs', () => {
  const path = () => `${h.alice.id}/signed/report.txt`

  beforeAll(async () => {
    const { error } = await h.alice.client.storage.from(PRIVATE).upload(path(), text('signed bytes'))
    expect(error).toBeNull()
  })

  it('works without a token, then expires (1 s)', async () => {
    const { data, error } = await h.alice.client.storage.from(PRIVATE).createSignedUrl(path(), 1)
    expect(error).toBeNull()
    expect(data?.signedUrl).toMatch(new RegExp(`/storage/v1/object/sign/${PRIVATE}/${path()}\\?token=`))
    const ok = await fetch(data!.signedUrl)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('signed bytes')
    expect(ok.headers.get('expires')).toBeTruthy()

    await sleep(2100)
    const expired = await fetch(data!.signedUrl)
    expect(expired.status).toBe(400)
    expect(await expired.json()).toEqual({
      statusCode: '400',
      code: 'ExpiredToken',
      error: 'ExpiredToken',
      message: 'The provided token has expired.',
    })
  })

  it('stops working once the object is deleted', async () => {
    const doomed = `${h.alice.id}/signed/doomed.txt`
    const bucket = h.alice.client.storage.from(PRIVATE)
    await bucket.upload(doomed, text('gone soon'))
    const { data } = await bucket.createSignedUrl(doomed, 300, { download: true })
    expect((await fetch(data!.signedUrl)).status).toBe(200)
    await bucket.remove([doomed])
    const after = await fetch(data!.signedUrl)
    expect(after.status).toBe(400)
    expect(await after.json()).toMatchObject({ statusCode: '404', code: 'NoSuchKey' })
  })

  it('adds Content-Disposition when asked to download', async () => {
    const { data } = await h.alice.client.storage.from(PRIVATE).createSignedUrl(path(), 60, { download: 'mine.txt' })
    const res = await fetch(data!.signedUrl)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="mine.txt"/)
  })

  it('rejects a token used for another path (InvalidSignature) and a forged token (InvalidJWT)', async () => {
    await h.alice.client.storage.from(PRIVATE).upload(`${h.alice.id}/signed/other.txt`, text('other'))
    const { data } = await h.alice.client.storage.from(PRIVATE).createSignedUrl(path(), 60)
    const token = new URL(data!.signedUrl).searchParams.get('token')!
    const swapped = await fetch(`${h.storageUrl}/object/sign/${PRIVATE}/${h.alice.id}/signed/other.txt?token=${token}`)
    expect(swapped.status).toBe(400)
    expect(await swapped.json()).toMatchObject({ statusCode: '400', code: 'InvalidSignature' })

    const forged = `${token.slice(0, -4)}AAAA`
    const bad = await fetch(`${h.storageUrl}/object/sign/${PRIVATE}/${path()}?token=${forged}`)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ statusCode: '400', code: 'InvalidJWT' })

    const uploadScoped = await signHs256(
      { url: `${PRIVATE}/${path()}`, scope: 'upload', iat: 0, exp: 4102444800 },
      h.stack.keys,
    )
    const wrongScope = await fetch(`${h.storageUrl}/object/sign/${PRIVATE}/${path()}?token=${uploadScoped}`)
    expect(await wrongScope.json()).toMatchObject({ code: 'InvalidSignature' })
  })

  it('signs many paths at once, with an error for what the caller cannot see', async () => {
    await h.bob.client.storage.from(PRIVATE).upload(`${h.bob.id}/b.txt`, text('bob'))
    const { data, error } = await h.alice.client.storage
      .from(PRIVATE)
      .createSignedUrls([path(), `${h.bob.id}/b.txt`, `${h.alice.id}/nope.txt`], 60)
    expect(error).toBeNull()
    expect(data?.map((d) => [d.path, d.error])).toEqual([
      [path(), null],
      [`${h.bob.id}/b.txt`, 'Either the object does not exist or you do not have access to it'],
      [`${h.alice.id}/nope.txt`, 'Either the object does not exist or you do not have access to it'],
    ])
    expect(await (await fetch(data![0]!.signedUrl!)).text()).toBe('signed bytes')
  })
})

describe('signed upload URLs', () => {
  it('lets a holder upload once as the issuing user; a second non-upsert upload is a 409', async () => {
    const path = `${h.alice.id}/drop/intake.pdf`
    const bucket = h.alice.client.storage.from(PRIVATE)
    const { data: signed, error } = await bucket.createSignedUploadUrl(path)
    expect(error).toBeNull()
    expect(signed).toMatchObject({ path })

    const holder = h.anon.storage.from(PRIVATE)
    const pdf = new Blob([text('%PDF-1.7 fake')], { type: 'application/pdf' })
    const first = await holder.uploadToSignedUrl(path, signed!.token, pdf)
    expect(first.error).toBeNull()
    expect(first.data).toMatchObject({ path, fullPath: `${PRIVATE}/${path}` })
    const [row] = await h.stack.sql`select owner_id, metadata->>'mimetype' as mime from storage.objects where name = ${path}`
    expect(row).toEqual({ owner_id: h.alice.id, mime: 'application/pdf' })

    const second = await holder.uploadToSignedUrl(path, signed!.token, pdf)
    expect(second.error).toMatchObject({ status: 400, statusCode: '409', message: 'The resource already exists' })
    expect(await (await bucket.download(path)).data?.text()).toBe('%PDF-1.7 fake')
  })

  it('is refused to a user who may not write there', async () => {
    const { error } = await h.bob.client.storage.from(PRIVATE).createSignedUploadUrl(`${h.alice.id}/drop/x.pdf`)
    expect(error).toMatchObject({ statusCode: '403' })
  })

  it('allows replacing with an upsert token, and still enforces the bucket MIME rule', async () => {
    const path = `${h.alice.id}/drop/replace.txt`
    const bucket = h.alice.client.storage.from(PRIVATE)
    const { data: signed } = await bucket.createSignedUploadUrl(path, { upsert: true })
    expect((await h.anon.storage.from(PRIVATE).uploadToSignedUrl(path, signed!.token, text('v1'))).error).toBeNull()
    expect((await h.anon.storage.from(PRIVATE).uploadToSignedUrl(path, signed!.token, text('v2'))).error).toBeNull()
    expect(await (await bucket.download(path)).data?.text()).toBe('v2')

    const html = await h.anon.storage
      .from(PRIVATE)
      .uploadToSignedUrl(path, signed!.token, text('<b>'), { contentType: 'text/html', upsert: true })
    expect(html.error).toMatchObject({ statusCode: '415' })
    expect(await (await bucket.download(path)).data?.text()).toBe('v2')
  })
})

describe('move and copy', () => {
  it('moves within the owner\'s folder: the row is renamed and the bytes follow', async () => {
    const bucket = h.alice.client.storage.from(PRIVATE)
    await bucket.upload(`${h.alice.id}/mv/a.txt`, text('moving'))
    const { data, error } = await bucket.move(`${h.alice.id}/mv/a.txt`, `${h.alice.id}/mv/b.txt`)
    expect(error).toBeNull()
    expect(data).toEqual({ message: 'Successfully moved' })
    expect((await bucket.download(`${h.alice.id}/mv/a.txt`)).error).toMatchObject({ statusCode: '404' })
    expect(await (await bucket.download(`${h.alice.id}/mv/b.txt`)).data?.text()).toBe('moving')
    expect(h.filesOnDisk().some((f) => f.startsWith(`${PRIVATE}/${h.alice.id}/mv/a.txt/`))).toBe(false)
  })

  it('refuses to move into another user\'s folder or to move their objects', async () => {
    const bucket = h.alice.client.storage.from(PRIVATE)
    await bucket.upload(`${h.alice.id}/mv/keep.txt`, text('stay'))
    const into = await bucket.move(`${h.alice.id}/mv/keep.txt`, `${h.bob.id}/stolen.txt`)
    expect(into.error).toMatchObject({ statusCode: '403' })
    const theirs = await h.bob.client.storage.from(PRIVATE).move(`${h.alice.id}/mv/keep.txt`, `${h.bob.id}/x.txt`)
    expect(theirs.error).toMatchObject({ statusCode: '404' })
    expect(await (await bucket.download(`${h.alice.id}/mv/keep.txt`)).data?.text()).toBe('stay')
    expect(await h.stack.sql`select 1 from storage.objects where name like ${`${h.bob.id}/%`} and name <> ${`${h.bob.id}/b.txt`}`).toEqual([])
  })

  it('copies to a new key with its own bytes; deleting the copy leaves the original', async () => {
    const bucket = h.alice.client.storage.from(PRIVATE)
    await bucket.upload(`${h.alice.id}/cp/src.txt`, text('copy me'))
    const { data, error } = await bucket.copy(`${h.alice.id}/cp/src.txt`, `${h.alice.id}/cp/dst.txt`)
    expect(error).toBeNull()
    expect(data).toEqual({ path: `${PRIVATE}/${h.alice.id}/cp/dst.txt` })
    await bucket.remove([`${h.alice.id}/cp/dst.txt`])
    expect(await (await bucket.download(`${h.alice.id}/cp/src.txt`)).data?.text()).toBe('copy me')
  })

  it('refuses a copy by someone who cannot read the source or write the destination', async () => {
    const bob = h.bob.client.storage.from(PRIVATE)
    expect((await bob.copy(`${h.alice.id}/cp/src.txt`, `${h.bob.id}/cp.txt`)).error).toMatchObject({ statusCode: '404' })
    const alice = h.alice.client.storage.from(PRIVATE)
    expect((await alice.copy(`${h.alice.id}/cp/src.txt`, `${h.bob.id}/cp.txt`)).error).toMatchObject({ statusCode: '403' })
    expect(await h.stack.sql`select 1 from storage.objects where name = ${`${h.bob.id}/cp.txt`}`).toEqual([])
  })
})

describe('storage.operation, named as hosted Storage names its routes', () => {
  const BUCKET = 'by-operation'

  beforeAll(async () => {
    await h.stack.sql`insert into storage.buckets (id, name, public) values (${BUCKET}, ${BUCKET}, false) on conflict do nothing`
    // Under "direct/" only a direct upload may write; under "signed/" only signing an upload URL.
    await h.stack.sql.unsafe(`
      drop policy if exists "writes by operation" on storage.objects;
      create policy "writes by operation" on storage.objects for insert to authenticated
        with check (bucket_id = '${BUCKET}' and current_setting('storage.operation', true) =
          case (storage.foldername(name))[1] when 'signed' then 'storage.object.sign_upload_url' else 'storage.object.upload' end);`)
  })

  it('lets a policy tell a direct upload from signing an upload URL', async () => {
    const bucket = h.alice.client.storage.from(BUCKET)
    expect((await bucket.upload('direct/a.txt', text('direct'))).error).toBeNull()
    expect((await bucket.createSignedUploadUrl('direct/b.txt')).error).toMatchObject({ statusCode: '403' })
    expect((await bucket.createSignedUploadUrl('signed/c.txt')).error).toBeNull()
    expect((await bucket.upload('signed/d.txt', text('direct'))).error).toMatchObject({ statusCode: '403' })
  })
})
