import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppointmentFormInput } from '../../../lib/appointments/appointment.schema.ts'
import { cancelAppointment, checkConflicts, saveAppointment } from '../../../lib/appointments/appointment.service.ts'
import { editValues } from '../../../lib/appointments/edit-values.ts'
import { listAppointmentNotes, listClientAppointments } from '../../../lib/appointments/queries.ts'
import { saveNote } from '../../../lib/notes/notes.service.ts'
import { getPracticeSettings } from '../../../lib/practice/settings.ts'
import { createClient } from '../../../lib/clients/save-client.service.ts'
import { superuser } from '../../helpers/stack.ts'
import { clientForm, dayFromToday, fieldErrorsOf, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture
let clientA: string
let clientB: string

/** A booking; it ends on its start date unless `endDate` is given. */
function form(overrides: Partial<AppointmentFormInput> = {}): AppointmentFormInput {
  const date = overrides.date ?? dayFromToday(10)
  return {
    clientId: clientA,
    kind: 'prenatal',
    date,
    startTime: '10:00',
    endDate: date,
    endTime: '11:00',
    doulaId: a.doula.id,
    location: '12 Harbor Lane',
    videoUrl: '',
    sharedWithClient: true,
    bookAnyway: false,
    ...overrides,
  }
}

const countFor = async (clientId: string) =>
  (await sql<{ n: number }[]>`select count(*)::int as n from public.appointments where client_id = ${clientId}`)[0]!.n

beforeAll(async () => {
  a = await newPractice(sql, 'Appointments A')
  b = await newPractice(sql, 'Appointments B')
  await sql`update public.practices set time_zone = 'America/Chicago' where id = ${a.id}`
  a.settings = await getPracticeSettings(a.doulaDb, a.id)
  clientA = (await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Rosa', lastName: 'Diaz', dueDate: dayFromToday(90) }))).clientId
  clientB = (await createClient(b.doulaDb, b.settings, clientForm({ firstName: 'Other', dueDate: dayFromToday(90) }))).clientId
})
afterAll(() => sql.end())

describe('booking', () => {
  it('books on the practice wall clock and attaches the client current journey', async () => {
    const date = dayFromToday(12)
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, form({ date, startTime: '09:30', endTime: '10:45' }))
    const [row] = await sql<{ local_start: string; local_end: string; journey_id: string; doula_id: string; status: string; location: string }[]>`
      select to_char(starts_at at time zone 'America/Chicago', 'YYYY-MM-DD"T"HH24:MI') as local_start,
             to_char(ends_at at time zone 'America/Chicago', 'HH24:MI') as local_end, journey_id, doula_id, status, location
      from public.appointments where id = ${appointmentId}`
    const [journey] = await sql<{ id: string }[]>`select id from public.journeys where client_id = ${clientA}`
    expect(row).toEqual({ local_start: `${date}T09:30`, local_end: '10:45', journey_id: journey!.id, doula_id: a.doula.id, status: 'scheduled', location: '12 Harbor Lane' })
  })

  it('refuses bad input on its field and saves nothing', async () => {
    const before = await countFor(clientA)
    expect(await fieldErrorsOf(() => saveAppointment(a.doulaDb, a.settings, form({ startTime: '11:00', endTime: '10:00' })))).toEqual({
      endTime: 'The appointment must end after it starts.',
    })
    expect(await fieldErrorsOf(() => saveAppointment(a.doulaDb, a.settings, form({ date: '2027-02-30', endDate: dayFromToday(10) })))).toEqual({ date: expect.stringContaining('real date') })
    expect(await fieldErrorsOf(() => saveAppointment(a.doulaDb, a.settings, form({ date: dayFromToday(900) })))).toEqual({ date: expect.stringContaining('two years') })
    expect(await fieldErrorsOf(() => saveAppointment(a.doulaDb, a.settings, form({ doulaId: 'not-a-uuid' })))).toEqual({ doulaId: 'Choose a doula from your practice.' })
    expect(await fieldErrorsOf(() => saveAppointment(a.doulaDb, a.settings, form({ doulaId: crypto.randomUUID() })))).toEqual({ doulaId: 'Choose a doula from your practice.' })
    expect(await fieldErrorsOf(() => saveAppointment(a.doulaDb, a.settings, form({ doulaId: b.doula.id })))).toEqual({ doulaId: 'Choose a doula from your practice.' })
    expect(await fieldErrorsOf(() => saveAppointment(a.doulaDb, a.settings, form({ videoUrl: 'http://meet.example.com/x' })))).toEqual({ videoUrl: expect.stringContaining('https://') })
    expect(await countFor(clientA)).toBe(before)
  })

  it('refuses a time the clocks skip in the practice time zone', async () => {
    await sql`update public.practices set time_zone = 'America/New_York' where id = ${b.id}`
    b.settings = await getPracticeSettings(b.doulaDb, b.id)
    const springForward = '2027-03-14'
    const attempt = () => saveAppointment(b.doulaDb, b.settings, form({ clientId: clientB, doulaId: b.doula.id, date: springForward, startTime: '02:30', endTime: '03:30' }), new Date('2027-03-01T12:00:00Z'))
    expect(await fieldErrorsOf(attempt)).toEqual({ startTime: expect.stringContaining('clocks change') })
  })

  it('gives another practice not_found for her client and leaves nothing behind', async () => {
    await expect(saveAppointment(b.doulaDb, b.settings, form({ doulaId: '' }))).rejects.toMatchObject({ code: 'not_found' })
    await expect(saveAppointment(b.doulaDb, { ...b.settings, id: a.id }, form())).rejects.toMatchObject({ code: 'not_found' })
    const before = await countFor(clientA)
    await expect(saveAppointment(b.doulaDb, b.settings, form({ doulaId: b.doula.id }))).rejects.toMatchObject({ code: 'not_found' })
    expect(await countFor(clientA)).toBe(before)
  })
})

describe('same-doula conflicts', () => {
  it('shows the overlapping booking and books only once the doula confirms', async () => {
    const date = dayFromToday(20)
    const first = await saveAppointment(a.doulaDb, a.settings, form({ date, startTime: '14:00', endTime: '15:00' }))
    const slot = { date, startTime: '14:30', endDate: date, endTime: '15:30', doulaId: a.doula.id }
    expect(await checkConflicts(a.doulaDb, a.settings, slot)).toEqual([expect.objectContaining({ id: first.appointmentId, clientName: 'Rosa Diaz', kind: 'prenatal' })])
    // Back to back is not a conflict, nor is another doula's booking.
    expect(await checkConflicts(a.doulaDb, a.settings, { ...slot, startTime: '15:00', endTime: '16:00' })).toEqual([])
    expect(await checkConflicts(a.doulaDb, a.settings, { ...slot, doulaId: a.owner.id })).toEqual([])
    // Editing the booking does not conflict with itself.
    expect(await checkConflicts(a.doulaDb, a.settings, { ...slot, appointmentId: first.appointmentId })).toEqual([])

    const before = await countFor(clientA)
    expect(await fieldErrorsOf(() => saveAppointment(a.doulaDb, a.settings, form({ date, startTime: '14:30', endTime: '15:30' })))).toEqual({
      bookAnyway: expect.stringContaining('Rosa Diaz'),
    })
    expect(await countFor(clientA)).toBe(before)
    await saveAppointment(a.doulaDb, a.settings, form({ date, startTime: '14:30', endTime: '15:30', bookAnyway: true }))
    expect(await countFor(clientA)).toBe(before + 1)
  })

  it('ignores cancelled bookings, and another practice sees no conflicts', async () => {
    const date = dayFromToday(21)
    const first = await saveAppointment(a.doulaDb, a.settings, form({ date, startTime: '08:00', endTime: '09:00' }))
    expect(await checkConflicts(b.doulaDb, b.settings, { date, startTime: '08:00', endDate: date, endTime: '09:00', doulaId: a.doula.id })).toEqual([])
    await cancelAppointment(a.doulaDb, a.id, { appointmentId: first.appointmentId })
    expect(await checkConflicts(a.doulaDb, a.settings, { date, startTime: '08:00', endDate: date, endTime: '09:00', doulaId: a.doula.id })).toEqual([])
  })
})

describe('overnight appointments', () => {
  const localSpan = async (id: string) =>
    (await sql<{ local_start: string; local_end: string }[]>`
      select to_char(starts_at at time zone 'America/Chicago', 'YYYY-MM-DD"T"HH24:MI') as local_start,
             to_char(ends_at at time zone 'America/Chicago', 'YYYY-MM-DD"T"HH24:MI') as local_end
      from public.appointments where id = ${id}`)[0]

  it('books a birth that runs past midnight on the practice wall clock', async () => {
    const date = dayFromToday(50)
    const next = dayFromToday(51)
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, form({ kind: 'birth', date, startTime: '22:00', endDate: next, endTime: '04:00' }))
    expect(await localSpan(appointmentId)).toEqual({ local_start: `${date}T22:00`, local_end: `${next}T04:00` })
  })

  it('conflicts with a next-morning visit of the same doula, both ways', async () => {
    const date = dayFromToday(52)
    const next = dayFromToday(53)
    const morning = await saveAppointment(a.doulaDb, a.settings, form({ kind: 'postpartum', date: next, startTime: '07:00', endTime: '08:00' }))
    const birth = { kind: 'birth' as const, date, startTime: '21:00', endDate: next, endTime: '07:30' }
    expect(await checkConflicts(a.doulaDb, a.settings, { ...birth, doulaId: a.doula.id })).toEqual([expect.objectContaining({ id: morning.appointmentId })])
    expect(await checkConflicts(a.doulaDb, a.settings, { ...birth, endTime: '07:00', doulaId: a.doula.id })).toEqual([])
    const before = await countFor(clientA)
    expect(await fieldErrorsOf(() => saveAppointment(a.doulaDb, a.settings, form(birth)))).toEqual({ bookAnyway: expect.stringContaining('Rosa Diaz') })
    expect(await countFor(clientA)).toBe(before)
    const overnight = await saveAppointment(a.doulaDb, a.settings, form({ ...birth, bookAnyway: true }))
    // The morning visit, moved into the night, now meets the birth.
    const moved = { appointmentId: morning.appointmentId, date: next, startTime: '06:00', endDate: next, endTime: '06:30', doulaId: a.doula.id }
    expect(await checkConflicts(a.doulaDb, a.settings, moved)).toEqual([expect.objectContaining({ id: overnight.appointmentId, kind: 'birth' })])
  })

  it('refuses an end before the start across days, or past three days, and saves nothing', async () => {
    const date = dayFromToday(54)
    const before = await countFor(clientA)
    const early = form({ date, startTime: '09:00', endDate: dayFromToday(53), endTime: '23:00' })
    expect(await fieldErrorsOf(() => saveAppointment(a.doulaDb, a.settings, early))).toEqual({ endDate: 'The appointment must end after it starts.' })
    const long = form({ date, startTime: '09:00', endDate: dayFromToday(57), endTime: '09:01' })
    expect(await fieldErrorsOf(() => saveAppointment(a.doulaDb, a.settings, long))).toEqual({ endDate: 'That is more than 3 days: check the end date.' })
    expect(await checkConflicts(a.doulaDb, a.settings, { ...early, doulaId: a.doula.id })).toEqual([])
    expect(await countFor(clientA)).toBe(before)
  })

  it('books three full days across a fall-back night, and the database refuses anything longer however it is written', async () => {
    const fallBack = form({ kind: 'birth', date: '2027-11-06', startTime: '09:00', endDate: '2027-11-09', endTime: '09:00' })
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, fallBack, new Date('2027-10-30T12:00:00Z'))
    expect((await sql<{ hours: number }[]>`select extract(epoch from ends_at - starts_at)::int / 3600 as hours from public.appointments where id = ${appointmentId}`)[0]!.hours).toBe(73)
    const insert = (hours: number) => sql`
      insert into public.appointments (practice_id, client_id, journey_id, starts_at, ends_at)
      select practice_id, client_id, journey_id, now(), now() + make_interval(hours => ${hours}) from public.appointments where id = ${appointmentId}`
    await expect(insert(75)).rejects.toMatchObject({ code: '23514', constraint_name: 'appointments_length_check' })
    await expect(insert(74)).resolves.toBeDefined()
  })

  it('refuses an end time the clocks skip, like a start time', async () => {
    const springForward = '2027-03-14'
    const attempt = () =>
      saveAppointment(b.doulaDb, b.settings, form({ clientId: clientB, doulaId: b.doula.id, date: '2027-03-13', startTime: '22:00', endDate: springForward, endTime: '02:30' }), new Date('2027-03-01T12:00:00Z'))
    expect(await fieldErrorsOf(attempt)).toEqual({ endTime: expect.stringContaining('clocks change') })
  })

  it('opens an overnight booking for editing with its end date, and keeps it when saved', async () => {
    const date = dayFromToday(60)
    const next = dayFromToday(61)
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, form({ kind: 'birth', date, startTime: '20:00', endDate: next, endTime: '02:00' }))
    const item = (await listClientAppointments(a.doulaDb, a.id, clientA)).find((x) => x.id === appointmentId)!
    const values = editValues(item, a.settings.timeZone)
    expect(values).toMatchObject({ date, startTime: '20:00', endDate: next, endTime: '02:00' })
    await saveAppointment(a.doulaDb, a.settings, { ...values, location: 'Hospital' })
    expect(await localSpan(appointmentId)).toEqual({ local_start: `${date}T20:00`, local_end: `${next}T02:00` })
    await saveAppointment(a.doulaDb, a.settings, { ...values, startTime: '19:00', endTime: '03:00' })
    expect(await localSpan(appointmentId)).toEqual({ local_start: `${date}T19:00`, local_end: `${next}T03:00` })
  })
})

describe('editing and cancelling', () => {
  it('edits an appointment in place and keeps its journey', async () => {
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, form({ date: dayFromToday(30) }))
    const date = dayFromToday(31)
    await saveAppointment(a.ownerDb, a.settings, form({ appointmentId, date, kind: 'postpartum', startTime: '13:00', endTime: '14:00', doulaId: '', location: '' }))
    const [row] = await sql<{ kind: string; local: string; doula_id: string | null; location: string | null }[]>`
      select kind, to_char(starts_at at time zone 'America/Chicago', 'YYYY-MM-DD"T"HH24:MI') as local, doula_id, location
      from public.appointments where id = ${appointmentId}`
    expect(row).toEqual({ kind: 'postpartum', local: `${date}T13:00`, doula_id: null, location: null })
  })

  it('cancels by keeping the row with status cancelled', async () => {
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, form({ date: dayFromToday(32) }))
    await cancelAppointment(a.doulaDb, a.id, { appointmentId })
    expect(await sql`select status from public.appointments where id = ${appointmentId}`).toEqual([{ status: 'cancelled' }])
  })

  it('refuses to edit a cancelled appointment, even one that would clash, and changes nothing', async () => {
    const date = dayFromToday(34)
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, form({ date }))
    await cancelAppointment(a.doulaDb, a.id, { appointmentId })
    await saveAppointment(a.doulaDb, a.settings, form({ date, location: 'Clinic' }))
    const [before] = await sql`select * from public.appointments where id = ${appointmentId}`
    const refusal = { code: 'conflict', message: 'That appointment was cancelled, so it cannot be changed. Book a new one instead.' }
    await expect(saveAppointment(a.ownerDb, a.settings, form({ appointmentId, date, kind: 'birth' }))).rejects.toMatchObject(refusal)
    await expect(saveAppointment(a.doulaDb, a.settings, form({ appointmentId, date: dayFromToday(35), bookAnyway: true }))).rejects.toMatchObject(refusal)
    expect(await sql`select * from public.appointments where id = ${appointmentId}`).toEqual([before])
  })

  it('treats cancelling a cancelled appointment as done, without writing it again', async () => {
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, form({ date: dayFromToday(36) }))
    await cancelAppointment(a.doulaDb, a.id, { appointmentId })
    const audited = async () =>
      (await sql<{ n: number }[]>`select count(*)::int as n from public.audit_log where entity_id = ${appointmentId} and action = 'update'`)[0]!.n
    const [before] = await sql`select * from public.appointments where id = ${appointmentId}`
    const updatesBefore = await audited()
    expect(updatesBefore).toBe(1)
    await expect(cancelAppointment(a.ownerDb, a.id, { appointmentId })).resolves.toBeUndefined()
    expect(await sql`select * from public.appointments where id = ${appointmentId}`).toEqual([before])
    expect(await audited()).toBe(updatesBefore)
  })

  it('gives a doula of another practice not_found when she edits or cancels, and changes nothing', async () => {
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, form({ date: dayFromToday(33) }))
    const [before] = await sql`select * from public.appointments where id = ${appointmentId}`
    await expect(saveAppointment(b.doulaDb, b.settings, form({ appointmentId, doulaId: '', kind: 'other' }))).rejects.toMatchObject({ code: 'not_found' })
    await expect(saveAppointment(b.doulaDb, { ...b.settings, id: a.id }, form({ appointmentId, doulaId: '' }))).rejects.toMatchObject({ code: 'not_found' })
    await expect(cancelAppointment(b.doulaDb, b.id, { appointmentId })).rejects.toMatchObject({ code: 'not_found' })
    await expect(cancelAppointment(b.doulaDb, a.id, { appointmentId })).rejects.toMatchObject({ code: 'not_found' })
    expect(await sql`select * from public.appointments where id = ${appointmentId}`).toEqual([before])
  })

  it('refuses a malformed id on its field', async () => {
    expect(await fieldErrorsOf(() => cancelAppointment(a.doulaDb, a.id, { appointmentId: 'nope' }))).toEqual({ appointmentId: expect.any(String) })
  })
})

describe('private notes on an appointment', () => {
  it('keeps a note on one appointment, visible to the practice only', async () => {
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, form({ date: dayFromToday(40) }))
    const { noteId } = await saveNote(a.doulaDb, a.id, { clientId: clientA, appointmentId, body: 'Bring the birth ball.' })
    expect(await listAppointmentNotes(a.ownerDb, a.id, clientA)).toEqual([
      expect.objectContaining({ id: noteId, appointmentId, authorId: a.doula.id, body: 'Bring the birth ball.' }),
    ])
    expect(await listAppointmentNotes(b.doulaDb, a.id, clientA)).toEqual([])
    await expect(saveNote(b.doulaDb, b.id, { clientId: clientA, appointmentId, body: 'Not mine' })).rejects.toMatchObject({ code: 'not_found' })
  })
})
