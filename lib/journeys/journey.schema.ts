import { z } from 'zod'
import { type CalendarDate } from '@/lib/dates/calendar-date'
import { OptionalDateSchema } from '@/lib/dates/date.schema'
import { checkDueDate } from '@/lib/pregnancy/gestation'

export const JOURNEY_STATUSES = ['lead', 'consult', 'booked', 'active', 'postpartum', 'complete', 'archived'] as const
export const JourneyStatusSchema = z.enum(JOURNEY_STATUSES)
export type JourneyStatus = z.infer<typeof JourneyStatusSchema>

export const JOURNEY_STATUS_LABELS: Record<JourneyStatus, string> = {
  lead: 'Lead',
  consult: 'Consult',
  booked: 'Booked',
  active: 'Active',
  postpartum: 'Postpartum',
  complete: 'Complete',
  archived: 'Archived',
}

/** The open stages of a journey, in order: the columns of the pipeline board and of Today's count. */
export const PIPELINE_STATUSES = ['lead', 'consult', 'booked', 'active', 'postpartum'] as const satisfies readonly JourneyStatus[]

/** Journeys that hold a place in the practice's calendar and count against its capacity rule. */
export const BOOKED_STATUSES: readonly JourneyStatus[] = ['booked', 'active']

/** Where a card on the board can go: any open stage, or complete (which takes it off the board). */
export const MoveJourneySchema = z.object({
  journeyId: z.uuid(),
  status: z.enum([...PIPELINE_STATUSES, 'complete'], 'Choose a stage.'),
})
export type MoveJourneyInput = z.input<typeof MoveJourneySchema>

const DUE_DATE_MESSAGES = {
  too_far_ahead: 'That due date is more than 44 weeks away. Check the month and year.',
  too_far_past: 'That due date is more than 6 weeks ago. Check the month and year, or record the birth instead.',
} as const

/** What the form says about a due date that cannot be right, judged against `today`; null when it can. */
export function dueDateMessage(dueDate: CalendarDate, today: CalendarDate): string | null {
  const problem = checkDueDate(dueDate, today)
  return problem ? DUE_DATE_MESSAGES[problem] : null
}

export const BIRTH_PLACES = ['hospital', 'birth_center', 'home', 'other'] as const
export const BIRTH_PLACE_LABELS: Record<(typeof BIRTH_PLACES)[number], string> = {
  hospital: 'Hospital',
  birth_center: 'Birth center',
  home: 'Home',
  other: 'Somewhere else',
}
export const DELIVERY_MODES = ['vaginal', 'vbac', 'cesarean', 'other'] as const
export const DELIVERY_MODE_LABELS: Record<(typeof DELIVERY_MODES)[number], string> = {
  vaginal: 'Vaginal',
  vbac: 'VBAC',
  cesarean: 'Cesarean',
  other: 'Other',
}

/** A datetime-local input's value, read as wall-clock time in the practice's time zone. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/

export const RecordBirthSchema = z.object({
  journeyId: z.uuid(),
  bornAt: z.string().regex(LOCAL_DATE_TIME, 'Enter the date and time of the birth.'),
  birthPlace: z.enum(BIRTH_PLACES, 'Choose where the birth happened.'),
  deliveryMode: z.enum(DELIVERY_MODES, 'Choose how the baby was born.'),
  babyCount: z.coerce.number<string | number>().int('Enter a whole number.').min(1, 'At least one baby.').max(8, 'At most 8 babies.'),
})
export type RecordBirthInput = z.input<typeof RecordBirthSchema>

export const StartJourneySchema = z.object({
  clientId: z.uuid(),
  dueDate: OptionalDateSchema,
})
export type StartJourneyInput = z.input<typeof StartJourneySchema>
