import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueAppointmentReminders } from '@/lib/appointments/reminders'
import { sendEmail } from '@/lib/email/send'
import { drainOutbox } from '@/lib/notifications/drain'
import { getReminderHours, saveReminderHours } from '@/lib/appointments/reminder-settings'
import { updateReminderPreference } from '@/lib/portal/profile'
import { adminDb, useAppEnv } from '../../helpers/app-session.ts'
import { createUser, type TestUser } from '../../helpers/personas.ts'
import { serviceClient, stack, superuser } from '../../helpers/stack.ts'
import { addMember, createClientRecord, createPractice, type ClientRecord } from '../../helpers/world.ts'
import { dbAs, fieldErrorsOf } from '../dashboard/fixtures.ts'

const SITE_URL = 'http://127.0.0.1:4011'
const HOUR = 3_600_000
const sql = superuser()
const admin = adminDb()

let practiceId: string
let owner: TestUser
let doula: TestUser
let client: TestUser
let record: ClientRecord

beforeAll(async () => {
  useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE_URL, RESEND_BASE_URL: stack().mailboxUrl })
  owner = await createUser(sql, { fullName: 'Reminder Owner' })
  doula = await createUser(sql, { fullName: 'Reminder Doula' })
  client = await createUser(sql, { fullName: 'Reminder Client' })
  practiceId = (await createPractice(sql, owner, 'Tide Doulas')).id
  await addMember(sql, practiceId, doula, 'doula')
  record = await createClientRecord(sql, practiceId, client, 'Rosa')
})
afterAll(() => sql.end())

/** A scheduled appointment with the doula attending, at `startsAt`, an hour long. */
async function appointment(startsAt: Date, c: ClientRecord = record): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into public.appointments (practice_id, client_id, journey_id, doula_id, starts_at, ends_at)
    values (${practiceId}, ${c.id}, ${c.journeyId}, ${doula.id}, ${startsAt}, ${new Date(startsAt.getTime() + HOUR)}) returning id`
  return row!.id
}

/** The queued reminders of one appointment: [audience, recipient, start] per email. */
async function queued(id: string) {
  const rows = await sql<{ audience: string; recipient: string; starts: string }[]>`
    select payload ->> 'audience' as audience, recipient, payload ->> 'startsAt' as starts from public.notifications
    where template = 'appointment-reminder' and payload ->> 'appointmentId' = ${id} order by created_at, 1`
  return rows.map((r) => [r.audience, r.recipient, r.starts])
}

describe('appointment reminders', () => {
  it('queues one email per person per appointment once the clock passes the window, however often it runs', async () => {
    const startsAt = new Date('2031-03-11T15:00:00Z')
    const id = await appointment(startsAt)
    await queueAppointmentReminders(admin, new Date(startsAt.getTime() - 25 * HOUR))
    expect(await queued(id)).toEqual([])

    const inWindow = new Date(startsAt.getTime() - 23 * HOUR)
    await Promise.all([queueAppointmentReminders(admin, inWindow), queueAppointmentReminders(admin, inWindow)])
    await queueAppointmentReminders(admin, new Date(inWindow.getTime() + HOUR))
    expect(await queued(id)).toEqual([
      ['client', client.email, '2031-03-11T15:00:00Z'],
      ['doula', doula.email, '2031-03-11T15:00:00Z'],
    ])
    const [row] = await sql`select reminder_sent_at, reminded_starts_at from public.appointments where id = ${id}`
    expect(row).toEqual({ reminder_sent_at: inWindow, reminded_starts_at: startsAt })
  })

  it('delivers the time in the practice zone with an .ics attachment', async () => {
    const startsAt = new Date('2031-03-12T15:00:00Z')
    const id = await appointment(startsAt)
    await queueAppointmentReminders(admin, new Date(startsAt.getTime() - 2 * HOUR))
    for (;;) {
      const r = await drainOutbox({ admin: serviceClient(), deliver: sendEmail, siteUrl: SITE_URL })
      if (r.claimed === 0) break
    }
    const res = await fetch(`${stack().mailboxUrl}/api/messages?to=${encodeURIComponent(client.email)}`)
    const list = (await res.json()) as { id: string; subject: string }[]
    const mails = await Promise.all(
      list.map(async (m) => (await fetch(`${stack().mailboxUrl}/api/messages/${m.id}`)).json() as Promise<{ id: string; text: string; subject: string; attachments: { filename: string; contentType: string }[] }>),
    )
    const mail = mails.find((m) => m.text.includes('Wednesday, March 12, 2031'))!
    expect(mail.subject).toBe('Appointment reminder from Tide Doulas')
    // 15:00 UTC is 11:00 in New York (daylight time from March 9, 2031).
    expect(mail.text).toContain('Wednesday, March 12, 2031 at 11:00 AM EDT')
    expect(mail.attachments).toMatchObject([{ filename: 'appointment.ics', contentType: 'text/calendar; charset=utf-8' }])
    const ics = await (await fetch(`${stack().mailboxUrl}/messages/${mail.id}/attachments/0`)).text()
    expect(ics).toContain(`UID:${id}@doulaos.app`)
    expect(ics).toContain('DTSTART:20310312T150000Z')
    expect(ics).toContain('DTEND:20310312T160000Z')
  })

  it("reminds the journey's primary doula when no one attends the appointment by name", async () => {
    await sql`update public.journeys set primary_doula_id = ${doula.id} where id = ${record.journeyId}`
    const startsAt = new Date('2031-03-16T15:00:00Z')
    const id = await appointment(startsAt)
    await sql`update public.appointments set doula_id = null where id = ${id}`
    await queueAppointmentReminders(admin, new Date(startsAt.getTime() - HOUR))
    expect((await queued(id)).map(([audience, recipient]) => `${audience} ${recipient}`)).toEqual([`client ${client.email}`, `doula ${doula.email}`])
  })

  it('sends nothing for a cancelled appointment', async () => {
    const startsAt = new Date('2031-03-13T15:00:00Z')
    const id = await appointment(startsAt)
    await sql`update public.appointments set status = 'cancelled' where id = ${id}`
    await queueAppointmentReminders(admin, new Date(startsAt.getTime() - HOUR))
    expect(await queued(id)).toEqual([])
  })

  it('reminds again when the appointment moves, once per new time', async () => {
    const startsAt = new Date('2031-03-14T15:00:00Z')
    const id = await appointment(startsAt)
    await queueAppointmentReminders(admin, new Date(startsAt.getTime() - 20 * HOUR))
    const moved = new Date('2031-03-15T15:00:00Z')
    await sql`update public.appointments set starts_at = ${moved}, ends_at = ${new Date(moved.getTime() + HOUR)} where id = ${id}`
    await queueAppointmentReminders(admin, new Date(startsAt.getTime() - 19 * HOUR))
    expect(await queued(id)).toHaveLength(2)
    await queueAppointmentReminders(admin, new Date(moved.getTime() - 20 * HOUR))
    await queueAppointmentReminders(admin, new Date(moved.getTime() - 10 * HOUR))
    expect((await queued(id)).map(([audience, , starts]) => `${audience} ${starts}`)).toEqual([
      'client 2031-03-14T15:00:00Z',
      'doula 2031-03-14T15:00:00Z',
      'client 2031-03-15T15:00:00Z',
      'doula 2031-03-15T15:00:00Z',
    ])
  })

  it('follows the practice setting for how long before', async () => {
    await sql`update public.practices set appointment_reminder_hours = 48 where id = ${practiceId}`
    try {
      const startsAt = new Date('2031-03-20T15:00:00Z')
      const id = await appointment(startsAt)
      await queueAppointmentReminders(admin, new Date(startsAt.getTime() - 49 * HOUR))
      expect(await queued(id)).toEqual([])
      await queueAppointmentReminders(admin, new Date(startsAt.getTime() - 47 * HOUR))
      expect(await queued(id)).toHaveLength(2)
    } finally {
      await sql`update public.practices set appointment_reminder_hours = 24 where id = ${practiceId}`
    }
  })

  it('sends an opted-out client none (her doula still hears), and she may change only that switch', async () => {
    const other = await createUser(sql, { fullName: 'Opted Out' })
    const otherRecord = await createClientRecord(sql, practiceId, other, 'Ines')
    const db = await dbAs(other)
    await updateReminderPreference(db, otherRecord.id, { appointmentReminders: false })
    expect(await sql`select appointment_reminders from public.clients where id = ${otherRecord.id}`).toEqual([{ appointment_reminders: false }])
    const { error } = await db.from('clients').update({ appointment_reminders: true, first_name: 'Changed' }).eq('id', otherRecord.id)
    expect(error).toMatchObject({ code: '42501' })
    // Another client's switch is not hers to flip.
    await expect(updateReminderPreference(db, record.id, { appointmentReminders: false })).rejects.toThrow('Your choice was not saved')

    const startsAt = new Date('2031-03-21T15:00:00Z')
    const id = await appointment(startsAt, otherRecord)
    await queueAppointmentReminders(admin, new Date(startsAt.getTime() - HOUR))
    expect(await queued(id)).toEqual([['doula', doula.email, '2031-03-21T15:00:00Z']])
    expect(await sql`select appointment_reminders from public.clients where id = ${record.id}`).toEqual([{ appointment_reminders: true }])
  })
})

describe('reminder settings', () => {
  it('lets the owner set the hours, refuses a doula and out-of-range input', async () => {
    const ownerDb = await dbAs(owner)
    const doulaDb = await dbAs(doula)
    expect(await getReminderHours(doulaDb, practiceId)).toBe(24)
    expect(await fieldErrorsOf(() => saveReminderHours(ownerDb, practiceId, { hoursBefore: '0' }))).toEqual({ hoursBefore: 'Enter a number of hours from 1 to 168.' })
    expect(await fieldErrorsOf(() => saveReminderHours(ownerDb, practiceId, { hoursBefore: 'soon' }))).toEqual({ hoursBefore: 'Enter a number of hours.' })
    await expect(saveReminderHours(doulaDb, practiceId, { hoursBefore: '6' })).rejects.toMatchObject({ code: 'forbidden' })
    const stranger = await dbAs(await createUser(sql, { fullName: 'Stranger' }))
    await expect(saveReminderHours(stranger, practiceId, { hoursBefore: '6' })).rejects.toMatchObject({ code: 'not_found' })
    expect(await saveReminderHours(ownerDb, practiceId, { hoursBefore: '6' })).toBe(6)
    expect(await getReminderHours(ownerDb, practiceId)).toBe(6)
    await saveReminderHours(ownerDb, practiceId, { hoursBefore: 24 })
  })
})
