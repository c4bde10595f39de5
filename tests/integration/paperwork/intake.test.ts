import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formPdfDownload } from '@/lib/paperwork/download.service'
import { getRequestDetail } from '@/lib/paperwork/queries'
import { sendForm } from '@/lib/paperwork/send.service'
import { saveDraft, submitIntake } from '@/lib/paperwork/submit.service'
import { createClientRecord } from '../../helpers/world.ts'
import { superuser } from '../../helpers/stack.ts'
import { dbAs, fieldErrorsOf } from '../dashboard/fixtures.ts'
import { createUser } from '../../helpers/personas.ts'
import { paperworkWorld, pdfPages, phoneEvidence, starterTemplateId, storedPdf, type PaperworkWorld } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let w: PaperworkWorld
let intake: string
beforeAll(async () => {
  w = await paperworkWorld(sql, 'Willow Birth Support')
  intake = await starterTemplateId(sql, w.practice.practiceId, 'intake')
})

/** Every answer of the starter intake, as the portal's form holds them. */
const FULL_ANSWERS = {
  preferred_name: 'Liv',
  pronouns: 'she/her',
  phone: '+1 555 0142',
  address_line1: '12 Harbor Lane',
  address_city: 'Portland',
  address_postal_code: '04101',
  due_date: '2027-03-14',
  first_birth: 'yes',
  care_provider: 'Dr. Amara Okafor',
  birth_place: 'Birth center',
  health_notes: 'Gestational diabetes, diet-controlled.',
  partner_name: 'Sam Bennett',
  partner_phone: '+1 555 0143',
  partner_email: 'sam@example.com',
  support_wanted: ['Feeding support', 'Postpartum recovery'],
  hopes: 'A calm, unmedicated birth with lots of encouragement.',
  scope_consent: true,
}

async function send(note = 'Please fill this in before our first visit.') {
  return (await sendForm(w.ownerDb, w.practice, {
    clientId: w.record.id, templateId: intake, note, dueOn: '', fee: '', partnerName: '', partnerEmail: '',
  })).requestId
}

async function answersOf(id: string) {
  const [row] = await sql<{ answers: Record<string, unknown>; status: string }[]>`select answers, status from public.form_requests where id = ${id}`
  return row!
}

describe('sending an intake form', () => {
  it('freezes the template into the request and queues her branded email with a link to it', async () => {
    const id = await send()
    const detail = (await getRequestDetail(w.clientDb, id))!
    expect(detail.summary).toMatchObject({ kind: 'intake', status: 'sent', name: 'Intake questionnaire', note: 'Please fill this in before our first visit.' })
    expect(detail.snapshot.fields.length).toBeGreaterThan(15)
    const [mail] = await sql`select recipient, payload from public.notifications where idempotency_key = ${'form-request:' + id + ':1'}`
    expect(mail!.recipient).toBe(w.client.email)
    expect(mail!.payload).toEqual({ path: `/portal/forms/${id}`, practiceName: 'Willow Birth Support', kind: 'intake', dueOn: null })
  })

  it('asks to invite her to the portal first, and refuses a due date in the past', async () => {
    const offline = await createClientRecord(sql, w.practice.practiceId, null, 'Offline')
    await expect(sendForm(w.ownerDb, w.practice, { clientId: offline.id, templateId: intake, note: '', dueOn: '', fee: '', partnerName: '', partnerEmail: '' })).rejects.toThrow(/Invite her to the portal/)
    expect(await fieldErrorsOf(() => sendForm(w.ownerDb, w.practice, { clientId: w.record.id, templateId: intake, note: '', dueOn: '2020-01-01', fee: '', partnerName: '', partnerEmail: '' }))).toEqual({ dueOn: 'Choose today or a later date.' })
  })

  it("cannot send to another practice's client or with another practice's template", async () => {
    const other = await paperworkWorld(sql, 'Elsewhere Doulas')
    await expect(sendForm(w.ownerDb, w.practice, { clientId: other.record.id, templateId: intake, note: '', dueOn: '', fee: '', partnerName: '', partnerEmail: '' })).rejects.toMatchObject({ code: 'not_found' })
    const theirs = await starterTemplateId(sql, other.practice.practiceId, 'intake')
    expect(await fieldErrorsOf(() => sendForm(w.ownerDb, w.practice, { clientId: w.record.id, templateId: theirs, note: '', dueOn: '', fee: '', partnerName: '', partnerEmail: '' }))).toEqual({ templateId: 'Choose a form from the list.' })
  })
})

describe('filling it in', () => {
  it('saves a half-finished draft as she typed it and moves the form to in progress', async () => {
    const id = await send()
    await saveDraft(w.clientDb, { requestId: id, answers: { preferred_name: 'Liv', partner_email: 'sam@exa', support_wanted: ['Feeding support'] } })
    expect(await answersOf(id)).toEqual({ status: 'in_progress', answers: { preferred_name: 'Liv', partner_email: 'sam@exa', support_wanted: ['Feeding support'] } })
  })

  it('refuses bad input with a message on the field, and changes nothing', async () => {
    const id = await send()
    await saveDraft(w.clientDb, { requestId: id, answers: { preferred_name: 'Liv' } })
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ hopes: 'x'.repeat(5001) }, { 'answers.hopes': 'Please keep this under 5,000 characters.' }],
      [{ preferred_name: 42 }, { 'answers.preferred_name': 'Answer with text.' }],
      [{ preferred_name: 'Liv', shoe_size: '39' }, { form: 'This form does not have that question. Reload the page and try again.' }],
      [{ birth_place: 'Under the sea' }, { 'answers.birth_place': 'Choose one of the options.' }],
      [{ support_wanted: ['Feeding support', 'Massages'] }, { 'answers.support_wanted': 'Choose from the options.' }],
      [{ scope_consent: 'yes please' }, { 'answers.scope_consent': 'Tick the box or leave it.' }],
    ]
    for (const [answers, errors] of cases) {
      expect(await fieldErrorsOf(() => saveDraft(w.clientDb, { requestId: id, answers }))).toEqual(errors)
      expect(await fieldErrorsOf(() => submitIntake(w.clientDb, w.admin, w.client, phoneEvidence, { requestId: id, answers }))).toMatchObject(errors)
    }
    expect(await answersOf(id)).toEqual({ status: 'in_progress', answers: { preferred_name: 'Liv' } })
  })

  it('judges a submission in full: required answers and the format of each', async () => {
    const id = await send()
    const errors = await fieldErrorsOf(() => submitIntake(w.clientDb, w.admin, w.client, phoneEvidence, { requestId: id, answers: { partner_email: 'sam@exa', due_date: '2027-02-30' } }))
    expect(errors).toMatchObject({
      'answers.phone': 'Please answer this question.',
      'answers.due_date': 'Enter a real date.',
      'answers.partner_email': 'Enter an email address, like name@example.com.',
      'answers.birth_place': 'Please choose one.',
      'answers.scope_consent': 'Please tick this box to continue.',
    })
    expect((await answersOf(id)).status).toBe('sent')
  })

  it("never lets another client read, fill in or submit her form", async () => {
    const id = await send()
    const stranger = await createUser(sql)
    const strangerDb = await dbAs(stranger)
    expect(await getRequestDetail(strangerDb, id)).toBeNull()
    await expect(saveDraft(strangerDb, { requestId: id, answers: { preferred_name: 'Mine now' } })).rejects.toMatchObject({ code: 'not_found' })
    await expect(submitIntake(strangerDb, w.admin, stranger, phoneEvidence, { requestId: id, answers: FULL_ANSWERS })).rejects.toMatchObject({ code: 'not_found' })
    // A member can read it, but the database refuses her submission: it is not hers.
    await expect(submitIntake(w.doulaDb, w.admin, w.doula, phoneEvidence, { requestId: id, answers: FULL_ANSWERS })).rejects.toMatchObject({ code: 'not_found' })
    expect((await answersOf(id)).status).toBe('sent')
  })
})

describe('submitting it', () => {
  let id: string
  beforeAll(async () => {
    id = await send()
    await saveDraft(w.clientDb, { requestId: id, answers: { preferred_name: 'Liv' } })
    await submitIntake(w.clientDb, w.admin, w.client, phoneEvidence, { requestId: id, answers: FULL_ANSWERS })
  })

  it('records the submission with the evidence the server saw, and locks her answers', async () => {
    const [row] = await sql`select status, submitted_at, host(submitted_ip) as ip, submitted_user_agent, content_sha256 from public.form_requests where id = ${id}`
    expect(row).toMatchObject({ status: 'submitted', ip: phoneEvidence.ip, submitted_user_agent: phoneEvidence.userAgent })
    expect(row!.content_sha256).toMatch(/^[0-9a-f]{64}$/)
    await expect(saveDraft(w.clientDb, { requestId: id, answers: { preferred_name: 'Changed' } })).rejects.toMatchObject({ code: 'conflict' })
    await expect(submitIntake(w.clientDb, w.admin, w.client, phoneEvidence, { requestId: id, answers: FULL_ANSWERS })).rejects.toMatchObject({ code: 'conflict' })
  })

  it('stores a PDF in the private bucket under her folder whose text has every answer, with page numbers', async () => {
    const detail = (await getRequestDetail(w.ownerDb, id))!
    expect(detail.pdfPath).toBe(`${w.practice.practiceId}/${w.record.id}/${id}/submitted.pdf`)
    const pages = pdfPages(await storedPdf(w.admin, detail.pdfPath!))
    const text = pages.join('\n').replace(/\s+/g, ' ')
    for (const value of ['Liv', 'she/her', '+1 555 0142', '12 Harbor Lane', 'Portland', '04101', 'March 14, 2027', 'Yes', 'Dr. Amara Okafor',
      'Birth center', 'Gestational diabetes, diet-controlled.', 'Sam Bennett', '+1 555 0143', 'sam@example.com',
      'Feeding support, Postpartum recovery', 'A calm, unmedicated birth with lots of encouragement.', 'Agreed']) {
      expect(text).toContain(value)
    }
    expect(text).toContain('Willow Birth Support')
    expect(text).toContain('Intake questionnaire')
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`))
  })

  it('lets her and the practice download it through a 60-second link minted after an audited check', async () => {
    for (const [db, who] of [[w.clientDb, w.client], [w.doulaDb, w.doula]] as const) {
      const download = await formPdfDownload(db, w.admin, who.id, id, phoneEvidence)
      if (!download.ok) throw new Error(download.reason)
      const token = new URL(download.url).searchParams.get('token')!
      const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number }
      expect(payload.exp - payload.iat).toBeLessThanOrEqual(60)
      const res = await fetch(download.url)
      expect(res.status).toBe(200)
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    }
    const audit = await sql`select actor_role, host(ip) as ip from public.audit_log where action = 'form.download' and entity_id = ${id} order by id`
    expect(audit).toEqual([{ actor_role: 'client', ip: phoneEvidence.ip }, { actor_role: 'doula', ip: phoneEvidence.ip }])
  })

  it('gives no download to another client or another practice', async () => {
    const other = await paperworkWorld(sql, 'Not Yours Doulas')
    expect(await formPdfDownload(other.clientDb, w.admin, other.client.id, id, phoneEvidence)).toEqual({ ok: false, reason: 'not_found' })
    expect(await formPdfDownload(other.ownerDb, w.admin, other.owner.id, id, phoneEvidence)).toEqual({ ok: false, reason: 'not_found' })
    expect(await formPdfDownload(w.clientDb, w.admin, w.client.id, await send(), phoneEvidence)).toEqual({ ok: false, reason: 'not_submitted' })
  })

  it('remakes a PDF that is missing when it is downloaded', async () => {
    const before = (await getRequestDetail(w.ownerDb, id))!
    await w.admin.storage.from('intake-pdfs').remove([before.pdfPath!])
    await sql`update public.form_requests set pdf_path = null, pdf_signatures = null where id = ${id}`
    const download = await formPdfDownload(w.clientDb, w.admin, w.client.id, id, phoneEvidence)
    expect(download.ok).toBe(true)
    expect((await getRequestDetail(w.ownerDb, id))!.pdfPath).toBe(before.pdfPath)
  })
})

describe('the intake-pdfs bucket', () => {
  it('gives no person any direct access: no download, listing, signed URL, upload or removal', async () => {
    const id = await send()
    await submitIntake(w.clientDb, w.admin, w.client, phoneEvidence, { requestId: id, answers: FULL_ANSWERS })
    const path = (await getRequestDetail(w.ownerDb, id))!.pdfPath!
    const folder = path.split('/').slice(0, 3).join('/')
    for (const db of [w.clientDb, w.ownerDb, w.doulaDb]) {
      const bucket = db.storage.from('intake-pdfs')
      expect((await bucket.download(path)).error).not.toBeNull()
      expect((await bucket.list(folder)).data ?? []).toEqual([])
      expect((await bucket.createSignedUrl(path, 60)).error).not.toBeNull()
      expect((await bucket.upload(`${folder}/forged.pdf`, new TextEncoder().encode('%PDF-1.4 forged'), { contentType: 'application/pdf' })).error).not.toBeNull()
      expect((await bucket.update(path, new TextEncoder().encode('%PDF-1.4 forged'), { contentType: 'application/pdf' })).error).not.toBeNull()
      await bucket.remove([path])
    }
    const [object] = await sql<{ n: number }[]>`select count(*)::int as n from storage.objects where bucket_id = 'intake-pdfs' and name like ${folder + '/%'}`
    expect(object!.n).toBe(1)
  })
})
