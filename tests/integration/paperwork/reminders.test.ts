import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueFormReminders } from '@/lib/paperwork/reminders'
import { cancelForm, sendForm } from '@/lib/paperwork/send.service'
import { submitIntake } from '@/lib/paperwork/submit.service'
import { superuser } from '../../helpers/stack.ts'
import { paperworkWorld, phoneEvidence, starterTemplateId, type PaperworkWorld } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let w: PaperworkWorld
let intake: string
beforeAll(async () => {
  w = await paperworkWorld(sql, 'Reminder Doulas')
  intake = await starterTemplateId(sql, w.practice.practiceId, 'intake')
})

const DAY = 86_400_000

/** A form sent `daysAgo` days before `now`, due on `dueOn` (the practice is in America/New_York). */
async function sentForm(now: Date, daysAgo: number, dueOn = '') {
  const { requestId } = await sendForm(w.ownerDb, w.practice, { clientId: w.record.id, templateId: intake, note: '', dueOn, fee: '', partnerName: '', partnerEmail: '' }, now)
  await backdate(requestId, new Date(now.getTime() - daysAgo * DAY))
  return requestId
}

/** Moves when it was sent (created_at is immutable: the guard triggers are skipped for this one update). */
async function backdate(id: string, at: Date) {
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    await tx`update public.form_requests set created_at = ${at} where id = ${id}`
  })
}

async function reminders(id: string) {
  const rows = await sql<{ key: string; recipient: string; path: string }[]>`
    select idempotency_key as key, recipient, payload ->> 'path' as path from public.notifications
    where template = 'form-reminder' and idempotency_key like ${'form-reminder:' + id + ':%'} order by 1`
  return rows.map((r) => r.key.split(':').pop())
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10)

describe('form reminders', () => {
  it('reminds once 3 days after sending and once the day before it is due, each exactly once', async () => {
    const now = new Date()
    const id = await sentForm(now, 2, isoDay(new Date(now.getTime() + 5 * DAY)))
    await queueFormReminders(w.admin, now)
    expect(await reminders(id)).toEqual([])

    const threeDays = new Date(now.getTime() + 1.2 * DAY)
    await queueFormReminders(w.admin, threeDays)
    await queueFormReminders(w.admin, threeDays)
    expect(await reminders(id)).toEqual(['after-3-days'])

    // The day before it is due, in the practice's zone (noon there is mid-afternoon UTC).
    const dayBefore = new Date(`${isoDay(new Date(now.getTime() + 4 * DAY))}T17:00:00Z`)
    await Promise.all([queueFormReminders(w.admin, dayBefore), queueFormReminders(w.admin, dayBefore)])
    await queueFormReminders(w.admin, new Date(dayBefore.getTime() + 3_600_000))
    expect(await reminders(id)).toEqual(['after-3-days', 'before-due'])
    const [mail] = await sql`select recipient, payload from public.notifications where idempotency_key = ${'form-reminder:' + id + ':before-due'}`
    expect(mail).toMatchObject({ recipient: w.client.email, payload: { path: `/portal/forms/${id}`, practiceName: 'Reminder Doulas', kind: 'intake' } })
  })

  it('never reminds after she submitted or the practice cancelled', async () => {
    const now = new Date()
    const submitted = await sentForm(now, 4)
    await submitIntake(w.clientDb, w.admin, w.client, phoneEvidence, {
      requestId: submitted,
      answers: { phone: '+1 555 0100', due_date: '2027-01-10', first_birth: 'no', birth_place: 'Home', scope_consent: true },
    })
    const cancelled = await sentForm(now, 4)
    await cancelForm(w.ownerDb, { clientId: w.record.id, requestId: cancelled })
    await queueFormReminders(w.admin, now)
    expect(await reminders(submitted)).toEqual([])
    expect(await reminders(cancelled)).toEqual([])
  })

  it('sends none when the practice turned reminders off', async () => {
    const now = new Date()
    const id = await sentForm(now, 5)
    await sql`update public.practices set form_reminders = false where id = ${w.practice.practiceId}`
    try {
      await queueFormReminders(w.admin, now)
      expect(await reminders(id)).toEqual([])
    } finally {
      await sql`update public.practices set form_reminders = true where id = ${w.practice.practiceId}`
    }
    await queueFormReminders(w.admin, now)
    expect(await reminders(id)).toEqual(['after-3-days'])
  })

  it('skips the day-before reminder of a form sent on the day before it is due', async () => {
    const now = new Date('2027-06-09T15:00:00Z')
    const id = await sentForm(new Date(), 0, '2027-06-10')
    await backdate(id, now)
    await queueFormReminders(w.admin, new Date('2027-06-09T20:00:00Z'))
    expect(await reminders(id)).toEqual([])
  })
})
