import { createHash } from 'node:crypto'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_DOCUMENT_BYTES } from '@/lib/documents/file-type'
import { signedDownloadUrl, storeDocument } from '@/lib/documents/store'
import type { Db } from '@/lib/server/db'
import { adminDb } from '../../helpers/app-session.ts'
import { clientAs } from '../../helpers/personas.ts'
import { stack, superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'

const sql = superuser()
let world: World

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const CHUNK = 64 * 1024
const HEADER = new TextEncoder().encode('%PDF-1.7\n%streamed\n')

/**
 * A 20 MB PDF produced on demand, as a request body arrives. The first chunk carries the header;
 * every later chunk is the same buffer, so the source itself allocates nothing while it runs and
 * any growth in memory is the app's. `pulled` is how far the app has read.
 */
function generatedPdf(size: number, onPull: (pulled: number) => void) {
  const first = new Uint8Array(CHUNK)
  first.set(HEADER)
  const rest = new Uint8Array(CHUNK).fill(0x20)
  const hash = createHash('sha256')
  let pulled = 0
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= size) return controller.close()
        const n = Math.min(CHUNK, size - pulled)
        const chunk = (pulled === 0 ? first : rest).subarray(0, n)
        hash.update(chunk)
        pulled += n
        onPull(pulled)
        controller.enqueue(chunk)
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, pulled: () => pulled, sha256: () => hash.digest('hex') }
}

/**
 * The server's service-role client, which alone writes files, with the network counted: bytes the
 * app has handed to the socket for an upload. Read − sent at any moment is what the app is holding.
 */
function meteredAdmin(onSent: (n: number) => void): Db {
  const info = stack()
  const countingFetch: typeof fetch = (input, init) => {
    const body = init?.body
    if (!(body instanceof ReadableStream)) return fetch(input, init)
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          onSent(chunk.byteLength)
          controller.enqueue(chunk)
        },
      }),
    )
    return fetch(input, { ...init, body: counted, duplex: 'half' } as RequestInit)
  }
  return createClient(info.apiUrl, info.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: countingFetch },
  }) as unknown as Db
}

beforeAll(async () => {
  world = await createWorld(sql)
})
afterAll(() => sql.end())

describe('streamed uploads', () => {
  it('passes a 20 MB upload through to Storage without ever holding the file', async () => {
    const alma = world.personas.clientA1.user!
    let sent = 0
    let maxInHand = 0
    // Measured as each chunk is read from her request: everything read and not yet sent is in hand.
    const source = generatedPdf(MAX_DOCUMENT_BYTES, (pulled) => {
      maxInHand = Math.max(maxInHand, pulled - sent)
    })
    const admin = meteredAdmin((n) => {
      sent += n
    })

    gc()
    const baseline = process.memoryUsage()
    let peak = 0
    const sample = () => {
      const now = process.memoryUsage()
      peak = Math.max(peak, now.heapUsed + now.arrayBuffers - (baseline.heapUsed + baseline.arrayBuffers))
    }
    const sampler = setInterval(sample, 2)
    const stored = await storeDocument(admin, { practiceId: world.a.id, clientId: world.a1.id }, alma.id, 'big scan.pdf', source.stream).finally(() => {
      clearInterval(sampler)
      sample()
    })

    expect(stored).toMatchObject({ ok: true })
    expect(source.pulled()).toBe(MAX_DOCUMENT_BYTES)
    expect(sent).toBe(MAX_DOCUMENT_BYTES)
    // A buffering implementation holds all 20 MB before the first byte leaves; streaming holds a chunk or two.
    expect(maxInHand).toBeLessThanOrEqual(4 * CHUNK)
    // Heap and buffers together, against ~64 MB for a buffered upload (the body plus its copies).
    expect(peak).toBeLessThan(12 * 1024 * 1024)

    if (!stored.ok) return
    const [row] = await sql`select size_bytes, mime_type from public.documents where id = ${stored.id}`
    expect(row).toEqual({ size_bytes: String(MAX_DOCUMENT_BYTES), mime_type: 'application/pdf' })
    const download = await fetch((await signedDownloadUrl(await clientAs(alma), adminDb(), alma.id, stored.id, { ip: null, userAgent: null }))!)
    const hash = createHash('sha256')
    for await (const chunk of download.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk)
    expect(hash.digest('hex')).toBe(source.sha256())
  })
})
