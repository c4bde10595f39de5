import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientAs, serviceApiClient } from '../../helpers/personas.ts'
import * as rows from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'

// The cron entry points, called as the app's admin client does, and refused to everyone else.
const sql = superuser()
afterAll(() => sql.end())

let world: World
beforeAll(async () => {
  world = await createWorld(sql)
})

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n')

describe('purge_expired_audit_log()', () => {
  it('purges rows older than six years for the service role only', async () => {
    const [old] = await sql<{ id: string }[]>`
      insert into public.audit_log (practice_id, actor_role, action, entity, occurred_at)
      values (${world.a.id}, 'system', 'export.create', 'practices', now() - interval '6 years 1 day') returning id::text`
    const recent = await rows.newAuditRow(sql, world.a.id)
    const owner = await clientAs(world.personas.ownerA.user!)
    expect((await owner.rpc('purge_expired_audit_log')).error?.code).toBe('42501')
    const { data, error } = await serviceApiClient().rpc('purge_expired_audit_log')
    expect(error).toBeNull()
    expect(Number(data)).toBeGreaterThanOrEqual(1)
    const left = await sql`select id::text from public.audit_log where id in (${old!.id}, ${recent})`
    expect(left.map((r) => r.id)).toEqual([recent])
  })
})

describe('client_files_mismatches()', () => {
  it('reports objects without documents and documents without objects', async () => {
    const service = serviceApiClient()
    const matched = rows.storagePathFor(world.a1)
    const orphanObject = rows.storagePathFor(world.a1)
    const orphanDocument = rows.storagePathFor(world.a1)
    for (const path of [matched, orphanObject]) {
      const { error } = await service.storage.from('client-files').upload(path, PDF, { contentType: 'application/pdf' })
      expect(error).toBeNull()
    }
    await rows.newDocument(sql, world.a1, world.personas.doulaA.user!.id, false, matched)
    await rows.newDocument(sql, world.a1, world.personas.doulaA.user!.id, false, orphanDocument)

    const { data, error } = await service.rpc('client_files_mismatches')
    expect(error).toBeNull()
    const mine = (data as { problem: string; storage_path: string }[]).filter((m) => m.storage_path.startsWith(`${world.a.id}/`))
    expect(mine.sort((x, y) => x.problem.localeCompare(y.problem))).toEqual([
      { problem: 'document without object', storage_path: orphanDocument },
      { problem: 'object without document', storage_path: orphanObject },
    ])
    const doula = await clientAs(world.personas.doulaA.user!)
    expect((await doula.rpc('client_files_mismatches')).error?.code).toBe('42501')
  })
})
