import { randomUUID } from 'node:crypto'
import type { SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientAs, serviceApiClient, type TestUser } from '../../helpers/personas.ts'
import * as rows from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'

// The paperwork rules the database enforces whoever calls: evidence only the database sets, the
// seal, the order of signatures, and who may do what through functions.
const sql = superuser()
afterAll(() => sql.end())

let world: World
beforeAll(async () => {
  world = await createWorld(sql)
})

const user = (key: keyof World['personas']) => world.personas[key].user!
const api = (who: TestUser): Promise<SupabaseClient> => clientAs(who)

type Result = { data: unknown; error: { code: string; message: string; hint?: string | null } | null }
const outcome = ({ data, error }: Result): number | string => (error ? error.code : Array.isArray(data) ? data.length : 1)

async function patch(who: TestUser, id: string, change: Record<string, unknown>) {
  return outcome(await (await api(who)).from('form_requests').update(change).eq('id', id).select('id'))
}

const hex = (bytes: Buffer) => `\\x${bytes.toString('hex')}`

async function sign(role: 'client' | 'practice' | 'partner', requestId: string, signerId: string | null, extra: Record<string, unknown> = {}) {
  const { error } = await serviceApiClient().rpc('sign_form_request', {
    p_request_id: requestId,
    p_role: role,
    p_signer_user_id: signerId,
    p_signer_name: `${role} signer`,
    p_signer_email: `${role}@test.doulaos.app`,
    p_image_png: hex(rows.TINY_PNG),
    p_consent_text: 'I agree to sign electronically.',
    p_ip: '203.0.113.9',
    p_user_agent: 'test',
    ...extra,
  })
  return error ? (error.hint ?? error.code) : 'signed'
}

const newAgreement = (partner = false) => rows.newAgreementRequest(sql, world.a1, partner ? { name: 'Sam', email: 'sam@test.doulaos.app' } : null)

const clientSigns = (id: string) => sign('client', id, user('clientA1').id, { p_answers: { allergies: 'none' }, p_content_sha256: rows.sha256Hex(id) })

describe('evidence is set by the database only', () => {
  const evidence = {
    submitted_at: new Date().toISOString(),
    submitted_ip: '198.51.100.1',
    submitted_user_agent: 'forged',
    opened_at: new Date().toISOString(),
    started_at: new Date().toISOString(),
    content_sha256: rows.sha256Hex('forged'),
    sealed_at: new Date().toISOString(),
    status: 'submitted',
    pdf_path: `${randomUUID()}/x.pdf`,
    cancelled_at: new Date().toISOString(),
    partner_token_hash: rows.sha256Hex('token'),
  }
  for (const [column, value] of Object.entries(evidence)) {
    it(`refuses ${column} from the client and from a member`, async () => {
      const id = await rows.newFormRequest(sql, world.a1)
      expect(await patch(user('clientA1'), id, { [column]: value })).toBe('42501')
      expect(await patch(user('ownerA'), id, { [column]: value })).toBe('42501')
      const [row] = await sql`select ${sql(column)} as v from public.form_requests where id = ${id}`
      expect(row!.v).toBe(column === 'status' ? 'sent' : null)
    })
  }

  it('refuses a form sent already submitted', async () => {
    const { error } = await (await api(user('doulaA'))).from('form_requests').insert({
      practice_id: world.a.id, client_id: world.a1.id, kind: 'intake', status: 'submitted', submitted_at: new Date().toISOString(),
      template_snapshot: { name: 'Intake', kind: 'intake', fields: rows.FORM_FIELDS },
    })
    expect(error?.code).toBe('42501')
  })

  it('refuses the submission and signing functions to every API user', async () => {
    const id = await rows.newFormRequest(sql, world.a1)
    const client = await api(user('clientA1'))
    const submit = await client.rpc('submit_form_request', {
      p_request_id: id, p_user_id: user('clientA1').id, p_answers: {}, p_content_sha256: rows.sha256Hex('x'), p_ip: '1.2.3.4', p_user_agent: 'x',
    })
    expect(submit.error?.code).toBe('42501')
    const signed = await client.rpc('sign_form_request', {
      p_request_id: id, p_role: 'client', p_signer_name: 'Me', p_signer_email: 'me@x.app', p_image_png: hex(rows.TINY_PNG),
      p_consent_text: 'yes', p_ip: '1.2.3.4', p_user_agent: 'x',
    })
    expect(signed.error?.code).toBe('42501')
    const reminders = await (await api(user('ownerA'))).rpc('enqueue_form_reminders', {})
    expect(reminders.error?.code).toBe('42501')
  })

  it('lets no API user write a signature', async () => {
    const id = await rows.newFormRequest(sql, world.a1)
    for (const who of [user('clientA1'), user('ownerA')]) {
      const { error } = await (await api(who)).from('form_signatures').insert({
        practice_id: world.a.id, client_id: world.a1.id, request_id: id, role: 'client', signer_name: 'Forged',
        image_png: hex(rows.TINY_PNG), consent_text: 'yes', content_sha256: rows.sha256Hex('x'), time_zone: 'UTC',
      })
      expect(error?.code).toBe('42501')
    }
  })

  it("stamps opened_at for the client herself, once, and never for a member", async () => {
    const id = await rows.newFormRequest(sql, world.a1)
    const { data: none } = await (await api(user('ownerA'))).rpc('mark_form_request_opened', { p_request_id: id })
    expect(none).toBeNull()
    const { data: first } = await (await api(user('clientA1'))).rpc('mark_form_request_opened', { p_request_id: id })
    const { data: again } = await (await api(user('clientA1'))).rpc('mark_form_request_opened', { p_request_id: id })
    expect(typeof first).toBe('string')
    expect(again).toBe(first)
    const { data: other } = await (await api(user('clientA2'))).rpc('mark_form_request_opened', { p_request_id: id })
    expect(other).toBeNull()
  })
})

describe('her answers', () => {
  it('moves the form to in progress on her first saved answer, stamped by the database', async () => {
    const id = await rows.newFormRequest(sql, world.a1)
    expect(await patch(user('clientA1'), id, { answers: { allergies: 'pollen' } })).toBe(1)
    const [row] = await sql`select status, started_at from public.form_requests where id = ${id}`
    expect(row!.status).toBe('in_progress')
    expect(row!.started_at).not.toBeNull()
  })

  it('refuses an answer to a field the form does not have', async () => {
    const id = await rows.newFormRequest(sql, world.a1)
    expect(await patch(user('clientA1'), id, { answers: { not_a_field: 'x' } })).toBe('22023')
  })

  it('never lets a member change her answers', async () => {
    const id = await rows.newFormRequest(sql, world.a1)
    expect(await patch(user('ownerA'), id, { answers: { allergies: 'rewritten' } })).toBe('42501')
  })

  it('locks her answers once submitted: the submission records the evidence', async () => {
    const id = await rows.newFormRequest(sql, world.a1)
    const { error } = await serviceApiClient().rpc('submit_form_request', {
      p_request_id: id, p_user_id: user('clientA1').id, p_answers: { allergies: 'none' }, p_content_sha256: rows.sha256Hex(id),
      p_ip: '203.0.113.5', p_user_agent: 'Phone browser',
    })
    expect(error).toBeNull()
    const [row] = await sql`select status, submitted_at, host(submitted_ip) as ip, submitted_user_agent, content_sha256 from public.form_requests where id = ${id}`
    expect(row).toMatchObject({ status: 'submitted', ip: '203.0.113.5', submitted_user_agent: 'Phone browser', content_sha256: rows.sha256Hex(id) })
    expect(await patch(user('clientA1'), id, { answers: { allergies: 'changed' } })).toBe(0)
    const again = await serviceApiClient().rpc('submit_form_request', {
      p_request_id: id, p_user_id: user('clientA1').id, p_answers: {}, p_content_sha256: rows.sha256Hex(id), p_ip: null, p_user_agent: '',
    })
    expect(again.error?.hint).toBe('submitted')
  })

  it("refuses another client's submission of her form", async () => {
    const id = await rows.newFormRequest(sql, world.a1)
    const { error } = await serviceApiClient().rpc('submit_form_request', {
      p_request_id: id, p_user_id: user('clientA2').id, p_answers: {}, p_content_sha256: rows.sha256Hex(id), p_ip: null, p_user_agent: '',
    })
    expect(error?.hint).toBe('not_yours')
  })
})

describe('signatures and the seal', () => {
  it('takes signatures in order, by whom the practice allows, and seals after the last', async () => {
    const id = await newAgreement()
    expect(await sign('practice', id, user('ownerA').id)).toBe('out_of_order')
    expect(await sign('client', id, user('clientA2').id, { p_answers: {}, p_content_sha256: rows.sha256Hex(id) })).toBe('not_yours')
    expect(await clientSigns(id)).toBe('signed')
    expect(await clientSigns(id)).toBe('submitted')
    expect(await sign('practice', id, user('doulaA').id)).toBe('not_allowed')
    expect(await sign('practice', id, user('doulaB').id)).toBe('not_allowed')
    expect(await sign('practice', id, user('adminA').id)).toBe('signed')
    const [row] = await sql`select sealed_at from public.form_requests where id = ${id}`
    expect(row!.sealed_at).not.toBeNull()
    expect(await sign('partner', id, null)).toBe('sealed')
    const signatures = await sql`select role, content_sha256 from public.form_signatures where request_id = ${id} order by role`
    expect(signatures).toEqual([
      { role: 'client', content_sha256: rows.sha256Hex(id) },
      { role: 'practice', content_sha256: rows.sha256Hex(id) },
    ])
    const [queued] = await sql<{ n: number }[]>`select count(*)::int as n from public.notifications where template = 'form-countersign' and idempotency_key like ${'form-countersign:' + id + ':%'}`
    expect(queued!.n).toBeGreaterThan(0)
  })

  it("lets the journey's primary doula countersign when the practice says so", async () => {
    await sql`update public.practices set form_countersigner = 'primary_doula' where id = ${world.a.id}`
    await sql`update public.journeys set primary_doula_id = ${user('doulaA').id} where id = ${world.a1.journeyId}`
    try {
      const id = await newAgreement()
      expect(await clientSigns(id)).toBe('signed')
      expect(await sign('practice', id, user('ownerA').id)).toBe('not_allowed')
      const { data: can } = await (await api(user('doulaA'))).rpc('can_countersign_form', { p_request_id: id })
      expect(can).toBe(true)
      expect(await sign('practice', id, user('doulaA').id)).toBe('signed')
    } finally {
      await sql`update public.practices set form_countersigner = 'admins' where id = ${world.a.id}`
      await sql`update public.journeys set primary_doula_id = null where id = ${world.a1.journeyId}`
    }
  })

  it("sends the partner her own link after the practice signs; only that link's token signs", async () => {
    const id = await newAgreement(true)
    expect(await clientSigns(id)).toBe('signed')
    expect(await sign('practice', id, user('ownerA').id)).toBe('signed')
    const [row] = await sql`select sealed_at, partner_token_hash from public.form_requests where id = ${id}`
    expect(row!.sealed_at).toBeNull()
    const [mail] = await sql`select recipient, payload from public.notifications where idempotency_key = ${'partner-signature:' + id}`
    expect(mail!.recipient).toBe('sam@test.doulaos.app')
    const token = String((mail!.payload as { path: string }).path).replace('/sign/', '')
    expect(rows.sha256Hex(token)).toBe(row!.partner_token_hash)
    expect(await sign('partner', id, null, { p_partner_token: 'f'.repeat(64) })).toBe('not_yours')
    const { data: opened } = await serviceApiClient().rpc('form_request_for_partner', { p_token: token })
    expect(opened).toBe(id)
    expect(await sign('partner', id, null, { p_partner_token: token })).toBe('signed')
    const [sealed] = await sql`select sealed_at from public.form_requests where id = ${id}`
    expect(sealed!.sealed_at).not.toBeNull()
    const [partner] = await sql`select signer_email from public.form_signatures where request_id = ${id} and role = 'partner'`
    expect(partner!.signer_email).toBe('sam@test.doulaos.app')
  })

  it('refuses every change to a sealed agreement, from the service role and the table owner too', async () => {
    const id = await rows.newSealedAgreement(sql, world.a1, user('doulaA').id)
    const service = await serviceApiClient().from('form_requests').update({ note: 'late edit' }).eq('id', id).select('id')
    expect(service.error?.code).toBe('42501')
    const owner = await sql`update public.form_requests set answers = '{"allergies": "x"}' where id = ${id}`.then(() => 'changed', (e: { code?: string }) => e.code)
    expect(owner).toBe('42501')
    const signature = await sql`update public.form_signatures set signer_name = 'Someone else' where request_id = ${id}`.then(() => 'changed', (e: { code?: string }) => e.code)
    expect(signature).toBe('42501')
    const removed = await sql`delete from public.form_requests where id = ${id}`.then(() => 'deleted', (e: { code?: string }) => e.code)
    expect(removed).toBe('42501')
    const unsigned = await sql`delete from public.form_signatures where request_id = ${id}`.then(() => 'deleted', (e: { code?: string }) => e.code)
    expect(unsigned).toBe('42501')
    // The server may still point it at its final PDF.
    const pdf = await serviceApiClient().from('form_requests').update({ pdf_path: `${world.a.id}/${world.a1.id}/${id}/signatures-2.pdf`, pdf_signatures: 2 }).eq('id', id).select('id')
    expect(pdf.error).toBeNull()
  })

  it('goes with its client when she is erased', async () => {
    const c = await (await import('../../helpers/world.ts')).createClientRecord(sql, world.a.id, null, 'Erased')
    const id = await rows.newSealedAgreement(sql, c, user('doulaA').id)
    await sql`delete from public.clients where id = ${c.id}`
    const [left] = await sql<{ n: number }[]>`select (select count(*) from public.form_requests where id = ${id}) + (select count(*) from public.form_signatures where request_id = ${id}) as n`
    expect(Number(left!.n)).toBe(0)
  })
})

describe('cancel and resend', () => {
  it('lets a member cancel an open form, and not a submitted one', async () => {
    const id = await rows.newFormRequest(sql, world.a1)
    const doula = await api(user('doulaA'))
    expect((await doula.rpc('cancel_form_request', { p_request_id: id })).error).toBeNull()
    expect((await doula.rpc('cancel_form_request', { p_request_id: id })).error?.hint).toBe('not_open')
    expect((await (await api(user('clientA1'))).rpc('cancel_form_request', { p_request_id: await rows.newFormRequest(sql, world.a1) })).error?.code).toBe('P0002')
    expect((await (await api(user('doulaB'))).rpc('cancel_form_request', { p_request_id: await rows.newFormRequest(sql, world.a1) })).error?.code).toBe('P0002')
    expect(await patch(user('clientA1'), id, { answers: { allergies: 'late' } })).toBe(0)
  })

  it('resends at most once every ten minutes, each with its own email', async () => {
    const id = await rows.newFormRequest(sql, world.a1)
    const doula = await api(user('doulaA'))
    expect((await doula.rpc('resend_form_request', { p_request_id: id })).error?.hint).toBe('too_soon')
    await sql`update public.form_requests set last_sent_at = now() - interval '11 minutes' where id = ${id}`
    expect((await doula.rpc('resend_form_request', { p_request_id: id })).error).toBeNull()
    const emails = await sql`select idempotency_key from public.notifications where template = 'form-request' and idempotency_key like ${'form-request:' + id + ':%'} order by 1`
    expect(emails.map((e) => e.idempotency_key)).toEqual([`form-request:${id}:1`, `form-request:${id}:2`])
  })
})
