import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { issueFormToken, MIN_FILL_MS } from '@/lib/inquiries/form-token'
import { submitInquiry, type InquirySubmission } from '@/lib/inquiries/submit-inquiry.service'
import { RATE_LIMITS } from '@/lib/security/rate-limit'
import { adminDb } from '../../helpers/app-session.ts'
import { anonApiClient, uniqueEmail } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'

/*
 * The public inquiry form, through the service the page's action calls and the one database
 * function that can add a lead: where a lead lands, what is refused and why, how a repeat merges.
 */

const SECRET = 'inquiry-test-secret'
const sql = superuser()
let world: World
let slugA: string

const randomIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`
const now = () => Date.now()

function submission(overrides: Partial<InquirySubmission> & { fields?: Record<string, unknown> } = {}): InquirySubmission {
  const slug = overrides.slug ?? slugA
  return {
    slug,
    honeypot: '',
    token: issueFormToken(SECRET, slug, now() - MIN_FILL_MS - 1000),
    utm: { source: 'newsletter', campaign: 'spring', referrer: 'https://harbor.example/doulas' },
    ip: `2001:db8::${randomUUID().slice(0, 4)}`,
    ...overrides,
    fields: {
      name: 'Rosa Lead',
      email: uniqueEmail('rosa'),
      phone: '555 0100',
      dueDate: '2027-05-01',
      notPregnantYet: false,
      services: ['birth', 'postpartum'],
      message: 'Looking for a birth doula.',
      heardFrom: 'A friend',
      ...overrides.fields,
    },
  }
}

const send = (s: InquirySubmission) => submitInquiry(adminDb(), SECRET, s, now(), [])

beforeAll(async () => {
  world = await createWorld(sql)
  const [row] = await sql<{ slug: string }[]>`select slug from public.practices where id = ${world.a.id}`
  slugA = row!.slug
})

describe('a lead through the public form', () => {
  it('lands in the practice of the slug only, as a lead with its UTM, referrer and emails', async () => {
    const s = submission()
    const email = s.fields.email as string
    const result = await send(s)
    expect(result).toMatchObject({ status: 'sent', merged: false, practiceId: world.a.id })

    const clients = await sql`select c.practice_id, c.first_name, c.last_name, c.phone, c.lead_source, c.utm, j.status, j.due_date::text as due
      from public.clients c join public.journeys j on j.client_id = c.id where c.email = ${email}`
    expect(clients).toEqual([{
      practice_id: world.a.id, first_name: 'Rosa', last_name: 'Lead', phone: '555 0100', lead_source: 'A friend',
      utm: { source: 'newsletter', campaign: 'spring', referrer: 'https://harbor.example/doulas' }, status: 'lead', due: '2027-05-01',
    }])
    const [inquiry] = await sql`select practice_id, services, message from public.inquiries where email = ${email}`
    expect(inquiry).toEqual({ practice_id: world.a.id, services: ['birth', 'postpartum'], message: 'Looking for a birth doula.' })

    const mail = await sql<{ recipient: string; template: string }[]>`
      select recipient, template from public.notifications where payload->>'path' in (${'/dashboard/clients/' + (result.status === 'sent' ? result.clientId : '')}, ${'/p/' + slugA})
        and (template = 'new-inquiry' or recipient = ${email}) order by template, recipient`
    expect(mail).toEqual(
      [
        { recipient: email, template: 'inquiry-received' },
        { recipient: world.personas.adminA.user!.email, template: 'new-inquiry' },
        { recipient: world.a.owner.email, template: 'new-inquiry' },
      ].sort((x, y) => x.template.localeCompare(y.template) || x.recipient.localeCompare(y.recipient)),
    )
    const [elsewhere] = await sql<{ n: number }[]>`select count(*)::int as n from public.clients where practice_id = ${world.b.id} and email = ${email}`
    expect(elsewhere!.n).toBe(0)
  })

  it('records "not pregnant yet" without a due date', async () => {
    const s = submission({ fields: { dueDate: '2027-01-01', notPregnantYet: true } })
    expect((await send(s)).status).toBe('sent')
    const [row] = await sql`select i.not_pregnant_yet, i.due_date, j.due_date as journey_due from public.inquiries i
      join public.journeys j on j.id = i.journey_id where i.email = ${s.fields.email as string}`
    expect(row).toEqual({ not_pregnant_yet: true, due_date: null, journey_due: null })
  })

  it('merges a repeat inquiry of an open lead, keeping what the doula edited and adding the message', async () => {
    const first = submission({ fields: { phone: '' } })
    const email = first.fields.email as string
    const sent = await send(first)
    expect(sent.status).toBe('sent')
    await sql`update public.clients set first_name = 'Rosalind', lead_source = 'Instagram' where email = ${email}`

    const again = await send(submission({ fields: { email, name: 'R. Lead', phone: '555 0199', message: 'Also postpartum, please.' } }))
    expect(again).toMatchObject({ status: 'sent', merged: true, clientId: sent.status === 'sent' ? sent.clientId : '' })

    const clients = await sql`select first_name, lead_source, phone from public.clients where email = ${email}`
    expect(clients).toEqual([{ first_name: 'Rosalind', lead_source: 'Instagram', phone: '555 0199' }])
    const messages = await sql`select message from public.inquiries where email = ${email} order by created_at`
    expect(messages.map((m) => m.message)).toEqual(['Looking for a birth doula.', 'Also postpartum, please.'])
    const [journeys] = await sql<{ n: number }[]>`select count(*)::int as n from public.journeys j join public.clients c on c.id = j.client_id where c.email = ${email}`
    expect(journeys!.n).toBe(1)
  })

  it('gives a known client without an open lead a new lead journey, back in view if archived', async () => {
    const s = submission()
    const email = s.fields.email as string
    const first = await send(s)
    await sql`update public.journeys j set status = 'complete' from public.clients c where c.id = j.client_id and c.email = ${email}`
    await sql`update public.clients set archived_at = now(), first_name = 'Past' where email = ${email}`
    const again = await send(submission({ fields: { email } }))
    expect(again).toMatchObject({ status: 'sent', merged: false, clientId: first.status === 'sent' ? first.clientId : '' })
    const journeys = await sql`select j.status from public.journeys j join public.clients c on c.id = j.client_id
      where c.email = ${email} order by j.created_at`
    expect(journeys.map((j) => j.status)).toEqual(['complete', 'lead'])
    const [client] = await sql`select first_name, archived_at from public.clients where email = ${email}`
    expect(client).toEqual({ first_name: 'Past', archived_at: null })
  })
})

describe('refusals, each with a clear message and nothing written', () => {
  const refusedWith = async (s: InquirySubmission, message: RegExp) => {
    const result = await send(s)
    expect(result.status).toBe('refused')
    expect(result.status === 'refused' ? result.message : '').toMatch(message)
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from public.clients where email = ${String(s.fields.email).toLowerCase()}`
    expect(row!.n).toBe(0)
    return result
  }

  it('refuses a filled honeypot', async () => {
    await refusedWith(submission({ honeypot: 'http://spam.example' }), /meant to stay empty/)
  })

  it('refuses a form sent faster than a person can fill it, by the server clock', async () => {
    await refusedWith(submission({ token: issueFormToken(SECRET, slugA, now() - 500) }), /faster than a person/)
  })

  it('refuses a forged, another page\'s or a day-old token', async () => {
    const old = now() - MIN_FILL_MS - 1000
    await refusedWith(submission({ token: `${old}.forged` }), /could not be verified/)
    await refusedWith(submission({ token: issueFormToken(SECRET, 'another-practice', old) }), /could not be verified/)
    await refusedWith(submission({ token: issueFormToken(SECRET, slugA, now() - 25 * 3600_000) }), /more than a day/)
  })

  it('refuses oversized fields and says which', async () => {
    const result = await refusedWith(submission({ fields: { message: 'x'.repeat(5001), name: 'n'.repeat(201) } }), /correct the highlighted fields/)
    expect(result.status === 'refused' && result.fieldErrors).toEqual({
      message: 'Please shorten your message to 5000 characters.',
      name: 'Please shorten your name to 200 characters.',
    })
  })

  it('refuses a bad email and missing fields the practice requires', async () => {
    await refusedWith(submission({ fields: { email: 'not-an-email' } }), /correct the highlighted fields/)
    const s = submission({ fields: { phone: '', services: [] } })
    const result = await submitInquiry(adminDb(), SECRET, s, now(), ['phone', 'services'])
    expect(result).toEqual({
      status: 'refused',
      message: 'Please fill in the required fields.',
      fieldErrors: { phone: 'Enter a phone number.', services: 'Choose at least one service.' },
    })
  })

  it('limits inquiries per visitor address', async () => {
    const ip = randomIp()
    const visitor = `2001:db8:1::${randomUUID().slice(0, 4)}`
    for (let i = 0; i < RATE_LIMITS.inquiryVisitor.max; i++) expect((await send(submission({ ip: visitor }))).status).toBe('sent')
    await refusedWith(submission({ ip: visitor }), /You can make 5 inquiries an hour/)
    expect((await send(submission({ ip }))).status).toBe('sent')
  })

  it('limits inquiries per practice, whatever the address', async () => {
    const [row] = await sql<{ id: string }[]>`select id from public.practices where id = ${world.b.id}`
    await sql`insert into private.rate_limit_hits (subject, action)
      select ${row!.id}, ${RATE_LIMITS.inquiryPractice.action} from generate_series(1, ${RATE_LIMITS.inquiryPractice.max})`
    const [b] = await sql<{ slug: string }[]>`select slug from public.practices where id = ${world.b.id}`
    await refusedWith(submission({ slug: b!.slug }), /inquiries to one practice an hour/)
  })

  it('refuses an unknown practice', async () => {
    await refusedWith(submission({ slug: 'no-such-practice-here' }), /no longer takes inquiries/)
  })

  it('the database itself refuses missing required fields and oversized inquiries', async () => {
    await sql`update public.practices set inquiry_required = '{message}' where id = ${world.b.id}`
    const [b] = await sql<{ slug: string }[]>`select slug from public.practices where id = ${world.b.id}`
    const admin = adminDb()
    const missing = await admin.rpc('submit_inquiry', { p_slug: b!.slug, p_inquiry: { name: 'Eve', email: uniqueEmail('eve'), message: '' } })
    expect(missing.error?.code).toBe('22023')
    const huge = await admin.rpc('submit_inquiry', { p_slug: b!.slug, p_inquiry: { name: 'Eve', email: uniqueEmail('eve'), message: 'x'.repeat(20000) } })
    expect(huge.error?.code).toBe('22001')
  })
})

describe('the anonymous caller', () => {
  it('can call neither inquiry function, nor read or write inquiries', async () => {
    const anon = anonApiClient()
    const submit = await anon.rpc('submit_inquiry', { p_slug: slugA, p_inquiry: { name: 'Mallory', email: 'm@example.com' } })
    expect(submit.error?.code).toBe('42501')
    const form = await anon.rpc('inquiry_form', { p_slug: slugA })
    expect(form.error?.code).toBe('42501')
    const read = await anon.from('inquiries').select('id')
    expect(read.error?.code).toBe('42501')
    const write = await anon.from('inquiries').insert({ practice_id: world.a.id, client_id: world.a1.id, journey_id: world.a1.journeyId, name: 'M', email: 'm@example.com' })
    expect(write.error?.code).toBe('42501')
  })
})
