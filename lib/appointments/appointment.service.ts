import 'server-only'
import { addDays, diffDays, todayIn } from '@/lib/dates/calendar-date'
import { AppError } from '@/lib/errors'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import type { PracticeSettings } from '@/lib/practice/settings'
import { AppointmentFormSchema, AppointmentIdSchema, ConflictQuerySchema, ENDS_BEFORE_START, type AppointmentForm } from './appointment.schema'
import { fromWallClock } from '@/lib/dates/zoned-time'

/** How far from today an appointment may be booked; anything further is a typo in the year. */
const MAX_DAYS_AHEAD = 2 * 366
const MAX_DAYS_BEHIND = 366

export interface Conflict {
  id: string
  clientName: string
  kind: string
  startsAt: string
  endsAt: string
}

interface Slot {
  startsAt: Date
  endsAt: Date
}

const personName = (c: { first_name: string; last_name: string } | null | undefined) =>
  c ? [c.first_name, c.last_name].filter(Boolean).join(' ') : 'Client'

/** The slot's instants in the practice's zone; a wall time the clocks skip is refused on its field. */
function toSlot(form: Pick<AppointmentForm, 'date' | 'startTime' | 'endDate' | 'endTime'>, timeZone: string): Slot {
  const startsAt = fromWallClock({ date: form.date, time: form.startTime }, timeZone)
  const endsAt = fromWallClock({ date: form.endDate, time: form.endTime }, timeZone)
  const skipped = 'The clocks change at that time on this day, so it does not exist. Pick another time.'
  if (!startsAt) throw new FieldErrors({ startTime: skipped })
  if (!endsAt) throw new FieldErrors({ endTime: skipped })
  // A slot across the fall-back hour can end "after" it starts on the wall clock yet not in time.
  if (endsAt <= startsAt) throw new FieldErrors({ endTime: ENDS_BEFORE_START })
  return { startsAt, endsAt }
}

/** Is `doulaId` a member of the practice? A stranger's id is refused on the field, never looked up further. */
async function assertMember(db: Db, practiceId: string, doulaId: string): Promise<void> {
  const { data, error } = await db.from('practice_members').select('user_id').eq('practice_id', practiceId).eq('user_id', doulaId).maybeSingle()
  if (error) throw dbFailure('check the doula', error)
  if (!data) throw new FieldErrors({ doulaId: 'Choose a doula from your practice.' })
}

/** The doula's other non-cancelled bookings that overlap the slot (touching end to start is fine). */
async function findConflicts(db: Db, practiceId: string, doulaId: string, slot: Slot, exceptId?: string): Promise<Conflict[]> {
  let query = db
    .from('appointments')
    .select('id, kind, starts_at, ends_at, journeys(clients(first_name, last_name))')
    .eq('practice_id', practiceId)
    .eq('doula_id', doulaId)
    .neq('status', 'cancelled')
    .lt('starts_at', slot.endsAt.toISOString())
    .gt('ends_at', slot.startsAt.toISOString())
    .order('starts_at')
    .limit(10)
  if (exceptId) query = query.neq('id', exceptId)
  const { data, error } = await query
  if (error) throw dbFailure('check her calendar', error)
  return data.map((a) => ({ id: a.id, kind: a.kind, startsAt: a.starts_at, endsAt: a.ends_at, clientName: personName(a.journeys?.clients) }))
}

/** The bookings a slot would collide with, for the warning the form shows before saving. */
export async function checkConflicts(db: Db, practice: PracticeSettings, input: unknown): Promise<Conflict[]> {
  const query = ConflictQuerySchema.safeParse(input)
  if (!query.success || query.data.doulaId === '') return []
  const startsAt = fromWallClock({ date: query.data.date, time: query.data.startTime }, practice.timeZone)
  const endsAt = fromWallClock({ date: query.data.endDate, time: query.data.endTime }, practice.timeZone)
  if (!startsAt || !endsAt || endsAt <= startsAt) return []
  return findConflicts(db, practice.id, query.data.doulaId, { startsAt, endsAt }, query.data.appointmentId)
}

/** The journey a new appointment joins: the client's most recent one. */
async function currentJourney(db: Db, practiceId: string, clientId: string): Promise<string> {
  const { data, error } = await db
    .from('journeys')
    .select('id')
    .eq('practice_id', practiceId)
    .eq('client_id', clientId)
    .order('created_at', { ascending: false })
    .limit(1)
  if (error) throw dbFailure('load her journey', error)
  const journey = data[0]
  if (!journey) throw notFound('client')
  return journey.id
}

/** Its status as the caller's RLS shows it; null when it is not hers to see (or not the client's). */
async function appointmentStatus(db: Db, practiceId: string, appointmentId: string, clientId?: string): Promise<string | null> {
  let query = db.from('appointments').select('status').eq('practice_id', practiceId).eq('id', appointmentId)
  if (clientId) query = query.eq('client_id', clientId)
  const { data, error } = await query.maybeSingle()
  if (error) throw dbFailure('load the appointment', error)
  return data?.status ?? null
}

/** A cancelled appointment is history: it is never edited back to life, a new one is booked instead. */
async function assertEditable(db: Db, practiceId: string, clientId: string, appointmentId: string): Promise<void> {
  const status = await appointmentStatus(db, practiceId, appointmentId, clientId)
  if (status === null) throw notFound('appointment')
  if (status === 'cancelled') throw new AppError({ code: 'conflict', message: 'That appointment was cancelled, so it cannot be changed. Book a new one instead.' })
}

/**
 * The row's columns once every field is judged: the date within reach, the slot real on the practice's
 * wall clock, the doula a member. A slot that overlaps her other bookings is refused on `bookAnyway`
 * until the doula confirms it.
 */
async function checkedValues(db: Db, practice: PracticeSettings, form: AppointmentForm, now: Date) {
  const today = todayIn(practice.timeZone, now)
  if (diffDays(today, form.date) > MAX_DAYS_AHEAD) throw new FieldErrors({ date: 'That is more than two years away. Check the year.' })
  if (diffDays(form.date, today) > MAX_DAYS_BEHIND) throw new FieldErrors({ date: `That is more than a year ago (before ${addDays(today, -MAX_DAYS_BEHIND)}). Check the year.` })
  const slot = toSlot(form, practice.timeZone)

  const doulaId = form.doulaId === '' ? null : form.doulaId
  if (doulaId) {
    await assertMember(db, practice.id, doulaId)
    const conflicts = await findConflicts(db, practice.id, doulaId, slot, form.appointmentId)
    if (conflicts.length > 0 && !form.bookAnyway) {
      const first = conflicts[0]!
      throw new FieldErrors({ bookAnyway: `She already has ${first.clientName} then. Confirm to book anyway.` })
    }
  }
  return {
    kind: form.kind,
    starts_at: slot.startsAt.toISOString(),
    ends_at: slot.endsAt.toISOString(),
    doula_id: doulaId,
    location: form.location === '' ? null : form.location,
    video_url: form.videoUrl === '' ? null : form.videoUrl,
    shared_with_client: form.sharedWithClient,
  }
}

/**
 * Books or edits an appointment. The client (or the appointment) is looked up before any field is
 * judged: another practice's is `not_found`, never a field error that would hint it exists, and a
 * cancelled booking is refused before the conflict prompt, so it never asks to be "booked anyway".
 */
export async function saveAppointment(db: Db, practice: PracticeSettings, input: unknown, now: Date = new Date()): Promise<{ appointmentId: string }> {
  const form = parseOrFieldErrors(AppointmentFormSchema, input)
  const { appointmentId } = form
  if (appointmentId) {
    await assertEditable(db, practice.id, form.clientId, appointmentId)
    const values = await checkedValues(db, practice, form, now)
    const { data, error } = await db
      .from('appointments')
      .update(values)
      .eq('practice_id', practice.id)
      .eq('client_id', form.clientId)
      .eq('id', appointmentId)
      .neq('status', 'cancelled')
      .select('id')
    if (error) throw dbFailure('save the appointment', error)
    if (!data[0]) {
      // Cancelled or removed since the check above: the same check names which.
      await assertEditable(db, practice.id, form.clientId, appointmentId)
      throw notFound('appointment')
    }
    return { appointmentId: data[0].id }
  }
  const journeyId = await currentJourney(db, practice.id, form.clientId)
  const values = await checkedValues(db, practice, form, now)
  const { data, error } = await db
    .from('appointments')
    .insert({ ...values, practice_id: practice.id, client_id: form.clientId, journey_id: journeyId })
    .select('id')
    .single()
  if (error) throw dbFailure('book the appointment', error)
  return { appointmentId: data.id }
}

/**
 * Cancels an appointment; the row stays (status `cancelled`) so the history remains. Cancelling one
 * that is already cancelled (a second tab, a stale page) succeeds without writing anything, so its
 * `updated_at` and the audit log keep the first cancellation.
 */
export async function cancelAppointment(db: Db, practiceId: string, input: unknown): Promise<void> {
  const { appointmentId } = parseOrFieldErrors(AppointmentIdSchema, input)
  const { data, error } = await db
    .from('appointments')
    .update({ status: 'cancelled' })
    .eq('practice_id', practiceId)
    .eq('id', appointmentId)
    .neq('status', 'cancelled')
    .select('id')
  if (error) throw dbFailure('cancel the appointment', error)
  if (data.length > 0) return
  // Nothing written: fine if it was already cancelled; otherwise it is not hers to cancel.
  if ((await appointmentStatus(db, practiceId, appointmentId)) !== 'cancelled') throw notFound('appointment')
}
