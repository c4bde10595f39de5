import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getRequestDetail } from '@/lib/paperwork/queries'
import { applyRecordUpdates, dismissRecordUpdates, pendingRecordUpdates } from '@/lib/paperwork/record-updates.service'
import { sendForm } from '@/lib/paperwork/send.service'
import { submitIntake } from '@/lib/paperwork/submit.service'
import { superuser } from '../../helpers/stack.ts'
import { dayFromToday, fieldErrorsOf } from '../dashboard/fixtures.ts'
import { paperworkWorld, phoneEvidence, starterTemplateId, type PaperworkWorld } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let w: PaperworkWorld
let other: PaperworkWorld
const dueDate = dayFromToday(150)
const answers = {
  preferred_name: 'Liv',
  phone: '+1 555 0142',
  address_line1: '12 Harbor Lane',
  address_city: 'Portland',
  due_date: dueDate,
  first_birth: 'yes',
  birth_place: 'Birth center',
  partner_name: 'Sam Bennett',
  partner_email: 'sam@example.com',
  scope_consent: true,
}

beforeAll(async () => {
  w = await paperworkWorld(sql, 'Juniper Doulas')
  other = await paperworkWorld(sql, 'Elsewhere Doulas')
})

async function submitted(): Promise<string> {
  const templateId = await starterTemplateId(sql, w.practice.practiceId, 'intake')
  const { requestId } = await sendForm(w.ownerDb, w.practice, {
    clientId: w.record.id, templateId, note: '', dueOn: '', fee: '', partnerName: '', partnerEmail: '',
  })
  await submitIntake(w.clientDb, w.admin, w.client, phoneEvidence, { requestId, answers })
  return requestId
}

async function herRecord() {
  const [client] = await sql<{ preferred_name: string | null; phone: string | null; address: Record<string, unknown>; partner_contacts: unknown[] }[]>`
    select preferred_name, phone, address, partner_contacts from public.clients where id = ${w.record.id}`
  const [journey] = await sql<{ due_date: string | null }[]>`select due_date::text from public.journeys where id = ${w.record.journeyId}`
  return { ...client!, due_date: journey!.due_date }
}

const practice = () => ({ practiceId: w.practice.practiceId, timeZone: 'America/New_York' })

describe('intake answers that fill her record', () => {
  it('are only proposed: submitting changes nothing on her record', async () => {
    const before = await herRecord()
    const id = await submitted()
    expect(await herRecord()).toEqual(before)
    const proposals = await pendingRecordUpdates(w.doulaDb, w.practice.practiceId, (await getRequestDetail(w.doulaDb, id))!)
    expect(proposals.map((p) => [p.target, p.value])).toEqual(expect.arrayContaining([
      ['preferred_name', 'Liv'], ['phone', '+1 555 0142'], ['address_city', 'Portland'], ['due_date', dueDate], ['partner_name', 'Sam Bennett'],
    ]))
  })

  it('writes exactly the changes the member ticks, once, and then proposes none', async () => {
    const id = await submitted()
    const before = await herRecord()
    expect(await applyRecordUpdates(w.doulaDb, practice(), { clientId: w.record.id, requestId: id, targets: ['phone', 'address_city', 'due_date', 'partner_name'] }))
      .toEqual({ applied: 4 })
    const after = await herRecord()
    expect(after).toMatchObject({ preferred_name: before.preferred_name, phone: '+1 555 0142', due_date: dueDate })
    expect(after.address).toMatchObject({ city: 'Portland' })
    expect(after.address.line1).toEqual(before.address.line1)
    expect(after.partner_contacts[0]).toMatchObject({ name: 'Sam Bennett' })
    expect(await pendingRecordUpdates(w.doulaDb, w.practice.practiceId, (await getRequestDetail(w.doulaDb, id))!)).toEqual([])
    await expect(applyRecordUpdates(w.doulaDb, practice(), { clientId: w.record.id, requestId: id, targets: ['preferred_name'] })).rejects.toMatchObject({ code: 'conflict' })
    expect(await herRecord()).toEqual(after)
  })

  it('refuses a change that is not proposed, and leaves her record as it was when dismissed', async () => {
    const id = await submitted()
    const before = await herRecord()
    expect(await fieldErrorsOf(() => applyRecordUpdates(w.doulaDb, practice(), { clientId: w.record.id, requestId: id, targets: ['pronouns'] })))
      .toEqual({ targets: 'Her record changed in the meantime. Reload the page and choose again.' })
    await dismissRecordUpdates(w.doulaDb, w.practice.practiceId, { clientId: w.record.id, requestId: id })
    expect(await pendingRecordUpdates(w.doulaDb, w.practice.practiceId, (await getRequestDetail(w.doulaDb, id))!)).toEqual([])
    expect(await herRecord()).toEqual(before)
  })

  it('cannot be applied or dismissed by another practice', async () => {
    const id = await submitted()
    const before = await herRecord()
    const input = { clientId: w.record.id, requestId: id, targets: ['preferred_name'] }
    await expect(applyRecordUpdates(other.ownerDb, { practiceId: w.practice.practiceId, timeZone: 'America/New_York' }, input)).rejects.toMatchObject({ code: 'not_found' })
    await expect(applyRecordUpdates(other.ownerDb, { practiceId: other.practice.practiceId, timeZone: 'America/New_York' }, input)).rejects.toMatchObject({ code: 'not_found' })
    await expect(dismissRecordUpdates(other.ownerDb, w.practice.practiceId, input)).rejects.toMatchObject({ code: 'not_found' })
    expect(await pendingRecordUpdates(w.doulaDb, w.practice.practiceId, (await getRequestDetail(w.doulaDb, id))!)).not.toEqual([])
    expect(await herRecord()).toEqual(before)
  })
})
