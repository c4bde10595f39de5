import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedDownloadUrl } from '@/lib/documents/store'
import { recordClientView, recordSignIn } from '@/lib/privacy/audit/access-events'
import { subjectLabel, whoLabel } from '@/lib/privacy/audit/audit-labels'
import { loadAuditNames } from '@/lib/privacy/audit/names'
import { listAuditLog } from '@/lib/privacy/audit/queries'
import { listMembers } from '@/lib/team/queries'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { adminDb, signIn, useAppEnv } from '../../helpers/app-session.ts'
import { storeAs } from '../../helpers/documents.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'

const sql = superuser()
afterAll(() => sql.end())

let world: World
beforeAll(async () => {
  useAppEnv()
  world = await createWorld(sql)
})

const user = (key: keyof World['personas']) => world.personas[key].user!

/** What a request carries: a forged forwarding chain, and the header the platform's proxy sets. */
const request = (trusted: string | null) =>
  new Headers({
    'x-forwarded-for': '203.0.113.66, 10.0.0.1',
    'cf-connecting-ip': '203.0.113.67',
    'user-agent': 'vitest-browser',
    ...(trusted ? { 'x-real-ip': trusted } : {}),
  })
const onVercel = { VERCEL: '1', TRUSTED_IP_HEADER: undefined }
const elsewhere = { VERCEL: undefined, TRUSTED_IP_HEADER: undefined }

const trail = (actorId: string, action: string) =>
  sql<{ practice_id: string; actor_role: string; entity: string; entity_id: string | null; ip: string | null; user_agent: string }[]>`
    select practice_id, actor_role, entity, entity_id, host(ip) as ip, user_agent from public.audit_log
    where actor_id = ${actorId} and action = ${action} order by id`

describe('who viewed what', () => {
  it('records a view of a client record once per person and client within ten minutes, with the trusted ip', async () => {
    const doula = user('doulaA')
    const meta = requestMetaFrom(request('198.51.100.20'), onVercel)
    const view = { practiceId: world.a.id, actorId: doula.id, clientId: world.a1.id }
    const now = new Date()
    expect(await recordClientView(adminDb(), view, meta, now)).toBe(true)
    expect(await recordClientView(adminDb(), view, meta, new Date(now.getTime() + 60_000))).toBe(false)
    // Another client is another view.
    expect(await recordClientView(adminDb(), { ...view, clientId: world.a2.id }, meta, now)).toBe(true)
    // Past the window, the same record is a new view.
    expect(await recordClientView(adminDb(), view, meta, new Date(now.getTime() + 11 * 60_000))).toBe(true)
    expect(await trail(doula.id, 'client.view')).toEqual([
      { practice_id: world.a.id, actor_role: 'doula', entity: 'clients', entity_id: world.a1.id, ip: '198.51.100.20', user_agent: 'vitest-browser' },
      { practice_id: world.a.id, actor_role: 'doula', entity: 'clients', entity_id: world.a2.id, ip: '198.51.100.20', user_agent: 'vitest-browser' },
      { practice_id: world.a.id, actor_role: 'doula', entity: 'clients', entity_id: world.a1.id, ip: '198.51.100.20', user_agent: 'vitest-browser' },
    ])
  })

  it('records two renders at the same moment once', async () => {
    const owner = world.a.owner
    const meta = requestMetaFrom(request('198.51.100.22'), onVercel)
    const view = { practiceId: world.a.id, actorId: owner.id, clientId: world.a3.id }
    const recorded = await Promise.all(Array.from({ length: 6 }, () => recordClientView(adminDb(), view, meta)))
    expect(recorded.filter(Boolean)).toHaveLength(1)
    expect(await trail(owner.id, 'client.view')).toHaveLength(1)
  })

  it('makes a second view wait for the first to commit, then finds its row', async () => {
    const admin = user('adminA')
    const call = (db: typeof sql) =>
      db<{ recorded: boolean }[]>`select public.record_client_view(${world.a.id}, ${admin.id}, ${world.a1.id}) as recorded`.then((r) => r[0]!.recorded)
    let second: Promise<boolean> | undefined
    let secondDone = false
    await sql.begin(async (tx) => {
      expect(await call(tx as unknown as typeof sql)).toBe(true)
      // Another connection, while the first view is not yet committed: it must not run past it.
      second = call(sql).finally(() => (secondDone = true))
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(secondDone).toBe(false)
    })
    expect(await second).toBe(false)
    expect(await trail(admin.id, 'client.view')).toHaveLength(1)
  })

  it("never records a view on another practice's trail", async () => {
    const meta = requestMetaFrom(request('198.51.100.21'), onVercel)
    const refused = await recordClientView(adminDb(), { practiceId: world.a.id, actorId: user('doulaB').id, clientId: world.a1.id }, meta).catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'forbidden' })
    expect(await trail(user('doulaB').id, 'client.view')).toEqual([])
  })

  it('records every sign-in on each practice she belongs to, as member or client, with the trusted ip', async () => {
    const both = user('doulaBClientA')
    expect(await recordSignIn(adminDb(), both.id, requestMetaFrom(request('198.51.100.30'), onVercel))).toBe(2)
    const rows = await trail(both.id, 'auth.sign_in')
    expect(rows.map((r) => [r.practice_id, r.actor_role, r.ip]).sort()).toEqual(
      [[world.a.id, 'client', '198.51.100.30'], [world.b.id, 'doula', '198.51.100.30']].sort(),
    )
    expect(rows.every((r) => r.entity === 'sessions' && r.entity_id === null)).toBe(true)
  })

  it('records a view of her document with the trusted ip, shown as her document to the practice', async () => {
    const doula = user('doulaA')
    const stored = await storeAs(doula, { practiceId: world.a.id, clientId: world.a2.id }, 'Scan.pdf', new TextEncoder().encode('%PDF-1.7\n%%EOF\n'))
    if (!stored.ok) throw new Error(stored.message)
    const { client } = await signIn(doula)
    expect(await signedDownloadUrl(client, adminDb(), doula.id, stored.id, requestMetaFrom(request('198.51.100.40'), onVercel))).not.toBeNull()
    const [row] = await sql`select actor_role, host(ip) as ip from public.audit_log where action = 'document.download' and entity_id = ${stored.id}`
    expect(row).toEqual({ actor_role: 'doula', ip: '198.51.100.40' })

    const owner = await signIn(user('ownerA'))
    const { rows } = await listAuditLog(owner.client, world.a.id, { action: 'document.download', actor: doula.id })
    const names = await loadAuditNames(owner.client, world.a.id, rows, await listMembers(owner.client, world.a.id))
    const [name] = await sql<{ name: string }[]>`select first_name || ' ' || last_name as name from public.clients where id = ${world.a2.id}`
    const [doulaName] = await sql<{ name: string }[]>`select full_name as name from public.profiles where id = ${doula.id}`
    expect(whoLabel(rows[0]!, names)).toEqual({ name: doulaName!.name, role: 'Doula' })
    expect(subjectLabel(rows[0]!, names)).toEqual({ entity: 'Document', client: name!.name })
  })

  it('ignores addresses the caller can write: without a trusted proxy header the ip is left empty', async () => {
    const owner = user('ownerA')
    // Forged headers alone, on a host with no trusted proxy header, and on Vercel without x-real-ip.
    await recordSignIn(adminDb(), owner.id, requestMetaFrom(request(null), elsewhere))
    await recordSignIn(adminDb(), owner.id, requestMetaFrom(request(null), onVercel))
    await recordSignIn(adminDb(), owner.id, requestMetaFrom(request('198.51.100.31'), elsewhere))
    expect((await trail(owner.id, 'auth.sign_in')).map((r) => r.ip)).toEqual([null, null, null])
  })
})
