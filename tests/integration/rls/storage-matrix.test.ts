import { randomUUID } from 'node:crypto'
import type { SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anonApiClient, clientAs, serviceApiClient } from '../../helpers/personas.ts'
import * as rows from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, PERSONAS, type Persona, type PersonaKey } from '../../helpers/world.ts'
import { cells, type Ctx } from './matrix.ts'
import { OBJECT_CASES, STORAGE_OPS, UPLOAD_EXPECTED, type ObjectCase, type StorageOp } from './storage-matrix.ts'

const BUCKET = 'client-files'
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

const sql = superuser()
let ctx: Ctx
const clients = new Map<PersonaKey, SupabaseClient>()
const service = serviceApiClient()

beforeAll(async () => {
  ctx = { sql, world: await createWorld(sql) }
  for (const key of PERSONAS) {
    const p = ctx.world.personas[key]
    clients.set(key, p.user ? await clientAs(p.user) : anonApiClient())
  }
})
afterAll(() => sql.end())

const bucketAs = (p: Persona) => clients.get(p.key)!.storage.from(BUCKET)
const folderOfA1 = () => `${ctx.world.a.id}/${ctx.world.a1.id}`

function isRlsRefusal(error: { message: string; statusCode?: string }) {
  return /row-level security/i.test(error.message) || error.statusCode === '403'
}

/** A fresh object with its documents row, placed by the service role as the app would. */
async function placeObject(c: ObjectCase): Promise<{ path: string; file: string }> {
  const { uploadedBy, shared, ownerId } = c.object(ctx)
  const file = `${randomUUID()}.pdf`
  const path = `${folderOfA1()}/${file}`
  const { error } = await service.storage.from(BUCKET).upload(path, PDF, { contentType: 'application/pdf' })
  if (error) throw new Error(`fixture upload failed: ${error.message}`)
  await sql`update storage.objects set owner_id = ${ownerId}, owner = ${ownerId} where bucket_id = ${BUCKET} and name = ${path}`
  await rows.newDocument(sql, ctx.world.a1, uploadedBy, shared, path)
  return { path, file }
}

async function objectExists(path: string) {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from storage.objects where bucket_id = ${BUCKET} and name = ${path}`
  return row!.n === 1
}

async function upload(p: Persona): Promise<string> {
  const path = `${folderOfA1()}/${randomUUID()}.pdf`
  const { error } = await bucketAs(p).upload(path, PDF, { contentType: 'application/pdf' })
  if (error) return isRlsRefusal(error as { message: string; statusCode?: string }) ? '✗' : `error: ${error.message}`
  if (!(await objectExists(path))) return 'no error but no object'
  await service.storage.from(BUCKET).remove([path])
  return '✓'
}

async function attempt(c: ObjectCase, op: StorageOp, p: Persona): Promise<string> {
  const { path, file } = await placeObject(c)
  const bucket = bucketAs(p)
  switch (op) {
    case 'download': {
      const { data, error } = await bucket.download(path)
      if (error) return /not found/i.test(error.message) || (error as { status?: number }).status === 400 ? '∅' : `error: ${error.message}`
      return (await data.text()).startsWith('%PDF-') ? '✓' : 'wrong bytes'
    }
    case 'list': {
      const { data, error } = await bucket.list(folderOfA1(), { limit: 1000, search: file })
      if (error) return `error: ${error.message}`
      return data.some((o) => o.name === file) ? '✓' : '∅'
    }
    case 'sign': {
      const { data, error } = await bucket.createSignedUrl(path, 60)
      if (error) return /not found/i.test(error.message) ? '∅' : `error: ${error.message}`
      const res = await fetch(data.signedUrl)
      return res.ok ? '✓' : `signed URL answered ${res.status}`
    }
    case 'signUpload': {
      // A signed upload URL with overwrite would let her replace the bytes later, unchecked.
      const { data, error } = await bucket.createSignedUploadUrl(path, { upsert: true })
      if (error) return isRlsRefusal(error as { message: string; statusCode?: string }) ? '✗' : `error: ${error.message}`
      const replaced = await bucket.uploadToSignedUrl(path, data.token, PDF, { upsert: true })
      return replaced.error ? 'minted, then refused' : '✓'
    }
    case 'remove': {
      const { data, error } = await bucket.remove([path])
      if (error) return isRlsRefusal(error as { message: string; statusCode?: string }) ? '✗' : `error: ${error.message}`
      const gone = !(await objectExists(path))
      if (gone !== (data.length === 1)) return 'answer and database disagree'
      return gone ? '✓' : '∅'
    }
  }
}

const byPersona = (values: readonly string[]) =>
  Object.fromEntries(PERSONAS.map((key, i) => [key, values[i]])) as Record<PersonaKey, string>

describe('client-files storage matrix through supabase.storage', () => {
  it('upload under <practice A>/<client A1>/', async () => {
    const actual: string[] = []
    for (const key of PERSONAS) actual.push(await upload(ctx.world.personas[key]))
    expect(byPersona(actual)).toEqual(byPersona(cells(UPLOAD_EXPECTED)))
  })

  for (const c of OBJECT_CASES) {
    describe(c.variant, () => {
      for (const op of STORAGE_OPS) {
        it(op, async () => {
          const actual: string[] = []
          for (const key of PERSONAS) actual.push(await attempt(c, op, ctx.world.personas[key]))
          expect(byPersona(actual)).toEqual(byPersona(cells(c.expect[op])))
        })
      }
    })
  }

  it('refuses uploads outside a client folder too', async () => {
    const client = ctx.world.personas.clientA1
    const other = await bucketAs(client).upload(`${ctx.world.a.id}/${ctx.world.a2.id}/${randomUUID()}.pdf`, PDF, { contentType: 'application/pdf' })
    expect(other.error && isRlsRefusal(other.error as { message: string; statusCode?: string })).toBe(true)
    const top = await bucketAs(ctx.world.personas.doulaA).upload(`${ctx.world.a.id}/${randomUUID()}.pdf`, PDF, { contentType: 'application/pdf' })
    expect(top.error && isRlsRefusal(top.error as { message: string; statusCode?: string })).toBe(true)
  })
})
