import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRIVATE, PUBLIC, startStorageHarness, type StorageHarness } from './fixtures/storage/harness.ts'

let h: StorageHarness
beforeAll(async () => {
  h = await startStorageHarness()
})
afterAll(() => h?.stop())

describe('buckets from config.toml', () => {
  it('are listed for the service role with their limits', async () => {
    const { data, error } = await h.service.storage.listBuckets()
    expect(error).toBeNull()
    const byId = Object.fromEntries(data!.map((b) => [b.id, b]))
    expect(byId[PRIVATE]).toMatchObject({
      name: PRIVATE,
      public: false,
      file_size_limit: 64 * 1024,
      allowed_mime_types: ['text/plain', 'application/pdf', 'image/*'],
    })
    expect(byId[PUBLIC]).toMatchObject({ public: true, file_size_limit: null, allowed_mime_types: null })
  })

  it('are invisible to users and anon (no policies on storage.buckets)', async () => {
    expect(await h.alice.client.storage.listBuckets()).toEqual({ data: [], error: null })
    const { error } = await h.anon.storage.getBucket(PRIVATE)
    expect(error).toMatchObject({ status: 400, statusCode: '404', message: 'Bucket not found' })
  })
})

describe('bucket CRUD as the service role', () => {
  it('creates, reads, updates, refuses to delete while not empty, empties and deletes', async () => {
    const storage = h.service.storage
    const created = await storage.createBucket('scratch', { public: false, fileSizeLimit: '1kb', allowedMimeTypes: ['text/*'] })
    expect(created).toEqual({ data: { name: 'scratch' }, error: null })

    const { data: bucket } = await storage.getBucket('scratch')
    expect(bucket).toMatchObject({ id: 'scratch', name: 'scratch', public: false, file_size_limit: 1000, allowed_mime_types: ['text/*'] })

    const again = await storage.createBucket('scratch')
    expect(again.error).toMatchObject({ statusCode: '409', message: 'The resource already exists' })

    const tooBig = await storage.from('scratch').upload('a.txt', Buffer.alloc(1001, 97), { contentType: 'text/plain' })
    expect(tooBig.error).toMatchObject({ statusCode: '413' })

    expect(await storage.updateBucket('scratch', { public: true, fileSizeLimit: '1mb' })).toEqual({
      data: { message: 'Successfully updated' },
      error: null,
    })
    const { data: updated } = await storage.getBucket('scratch')
    expect(updated).toMatchObject({ public: true, file_size_limit: 1_000_000 })
    expect((await storage.from('scratch').upload('a.txt', Buffer.alloc(1001, 97), { contentType: 'text/plain' })).error).toBeNull()
    expect(h.filesOnDisk().some((f) => f.startsWith('scratch/a.txt/'))).toBe(true)

    const notEmpty = await storage.deleteBucket('scratch')
    expect(notEmpty.error).toMatchObject({ statusCode: '409', message: 'The bucket you tried to delete is not empty' })

    expect(await storage.emptyBucket('scratch')).toEqual({
      data: { message: 'Empty bucket has been queued. Completion may take up to an hour.' },
      error: null,
    })
    expect(h.filesOnDisk().some((f) => f.startsWith('scratch/'))).toBe(false)
    expect(await storage.deleteBucket('scratch')).toEqual({ data: { message: 'Successfully deleted' }, error: null })
    expect((await storage.getBucket('scratch')).error).toMatchObject({ statusCode: '404' })
  })

  it('rejects a malformed size limit and an invalid bucket name', async () => {
    const size = await h.service.storage.createBucket('bad-size', { public: false, fileSizeLimit: 'lots' })
    expect(size.error).toMatchObject({ statusCode: '400' })
    const name = await h.service.storage.createBucket('../escape', { public: false })
    expect(name.error).toMatchObject({ statusCode: '400', message: 'Bucket name invalid' })
  })

  it('refuses bucket writes and emptying to a signed-in user', async () => {
    const create = await h.alice.client.storage.createBucket('mine', { public: true })
    expect(create.error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' })
    expect((await h.alice.client.storage.updateBucket(PRIVATE, { public: true })).error).toMatchObject({ statusCode: '404' })
    const empty = await h.alice.client.storage.emptyBucket(PRIVATE)
    expect(empty.error).toMatchObject({ status: 403, statusCode: '403' })
    expect((await h.alice.client.storage.deleteBucket(PUBLIC)).error).toMatchObject({ statusCode: '404' })
    const [row] = await h.stack.sql`select public from storage.buckets where id = ${PRIVATE}`
    expect(row).toEqual({ public: false })
  })
})
