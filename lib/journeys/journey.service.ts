import 'server-only'
import { TZDate } from '@date-fns/tz'
import { todayIn } from '@/lib/dates/calendar-date'
import { AppError } from '@/lib/errors'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import type { PracticeSettings } from '@/lib/practice/settings'
import { journeyMilestones } from '@/lib/milestones/template.service'
import { dueDateMessage, MoveJourneySchema, RecordBirthSchema, StartJourneySchema } from './journey.schema'

/** Journeys still in progress; a client has at most one of these at a time. */
const OPEN_STATUSES = ['lead', 'consult', 'booked', 'active']

/** The instant a wall-clock "YYYY-MM-DDTHH:mm" names in `timeZone`. */
export function zonedInstant(local: string, timeZone: string): Date {
  const [date, time] = local.split('T') as [string, string]
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  return new Date(new TZDate(y, m - 1, d, hh, mm, timeZone).getTime())
}

/**
 * Records the birth and moves the journey to postpartum. A birth in the future, or more than a
 * year before today, is a typo and is refused on the field.
 */
export async function recordBirth(db: Db, practice: PracticeSettings, input: unknown): Promise<void> {
  const birth = parseOrFieldErrors(RecordBirthSchema, input)
  const bornAt = zonedInstant(birth.bornAt, practice.timeZone)
  const now = Date.now()
  if (bornAt.getTime() > now) throw new FieldErrors({ bornAt: 'The birth time is in the future. Check the date and time.' })
  if (bornAt.getTime() < now - 366 * 86_400_000) throw new FieldErrors({ bornAt: 'That is more than a year ago. Check the year.' })

  const { data, error } = await db
    .from('journeys')
    .update({
      born_at: bornAt.toISOString(),
      birth_place: birth.birthPlace,
      delivery_mode: birth.deliveryMode,
      baby_count: birth.babyCount,
      status: 'postpartum',
    })
    .eq('practice_id', practice.id)
    .eq('id', birth.journeyId)
    .select('id')
  if (error) throw dbFailure('record the birth', error)
  if (data.length === 0) throw notFound('journey')
}

/** Starts a new pregnancy for a returning client, once her previous journey has ended. */
export async function startJourney(db: Db, practice: PracticeSettings, input: unknown): Promise<{ journeyId: string }> {
  const { clientId, dueDate } = parseOrFieldErrors(StartJourneySchema, input)
  const { data: client, error } = await db
    .from('clients')
    .select('id, journeys(id, status)')
    .eq('practice_id', practice.id)
    .eq('id', clientId)
    .maybeSingle()
  if (error) throw dbFailure('load this client', error)
  if (!client) throw notFound('client')
  if (client.journeys.some((j) => OPEN_STATUSES.includes(j.status))) {
    throw new AppError({ code: 'conflict', message: 'She already has a journey in progress. Record the birth or close it first.' })
  }
  if (dueDate) {
    const message = dueDateMessage(dueDate, todayIn(practice.timeZone, new Date()))
    if (message) throw new FieldErrors({ dueDate: message })
  }
  const milestones = await journeyMilestones(db, practice.id, dueDate)
  const { data, error: insertError } = await db.rpc('add_journey', {
    p_practice_id: practice.id,
    p_client_id: clientId,
    p_status: 'lead',
    p_due_date: dueDate ?? undefined,
    p_milestones: milestones,
  })
  if (insertError) throw dbFailure('start a new journey', insertError)
  return { journeyId: data }
}

/** Moves a journey to another stage from the pipeline board. Another practice's journey is `not_found`. */
export async function moveJourney(db: Db, practiceId: string, input: unknown): Promise<void> {
  const { journeyId, status } = parseOrFieldErrors(MoveJourneySchema, input)
  const { data, error } = await db.from('journeys').update({ status }).eq('practice_id', practiceId).eq('id', journeyId).select('id')
  if (error) throw dbFailure('move the journey', error)
  if (data.length === 0) throw notFound('journey')
}
