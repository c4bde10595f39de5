import { describe, expect, it } from 'vitest'
import { anonClient, serviceClient } from '../helpers/stack.ts'

describe('official clients against the shared stack', () => {
  it('creates supabase-js clients (realtime needs a global WebSocket on Node 20)', () => {
    expect(() => anonClient()).not.toThrow()
  })

  it('reaches the stand-in with the service role', async () => {
    const { data, error } = await serviceClient().storage.listBuckets()
    expect(error).toBeNull()
    expect(data?.map((b) => b.id)).toContain('client-files')
  })
})
