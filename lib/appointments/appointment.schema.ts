import { z } from 'zod'
import { isCalendarDate, toDayNumber } from '@/lib/dates/calendar-date'
import { WALL_TIME } from '@/lib/dates/zoned-time'

export const APPOINTMENT_KINDS = ['consult', 'prenatal', 'birth', 'postpartum', 'other'] as const
export const AppointmentKindSchema = z.enum(APPOINTMENT_KINDS)
export type AppointmentKind = z.infer<typeof AppointmentKindSchema>

export const APPOINTMENT_KIND_LABELS: Record<AppointmentKind, string> = {
  consult: 'Consultation',
  prenatal: 'Prenatal visit',
  birth: 'Birth',
  postpartum: 'Postpartum visit',
  other: 'Appointment',
}

/** The label for a kind read from the database, "Appointment" for one this version does not know. */
export const appointmentKindLabel = (kind: string) => APPOINTMENT_KIND_LABELS[kind as AppointmentKind] ?? 'Appointment'

export const APPOINTMENT_STATUSES = ['scheduled', 'cancelled', 'completed'] as const
export const AppointmentStatusSchema = z.enum(APPOINTMENT_STATUSES)
export type AppointmentStatus = z.infer<typeof AppointmentStatusSchema>

/** The longest an appointment may run; anything longer is a typo in the end date. */
export const MAX_APPOINTMENT_DAYS = 3
/**
 * The same bound on instants, as the database holds it (appointments_length_check): three wall-clock days
 * plus the largest clock change anywhere, two hours.
 */
const MAX_APPOINTMENT_MS = (MAX_APPOINTMENT_DAYS * 24 + 2) * 3_600_000

/**
 * The earliest start of an appointment still under way at `instant`. A search for what is under way
 * bounds `starts_at` below with it, so it stays an index range instead of reading all of the past.
 */
export const earliestStartUnderWay = (instant: Date) => new Date(instant.getTime() - MAX_APPOINTMENT_MS)

const CHOOSE_DOULA = 'Choose a doula from your practice.'
const VIDEO_LINK = 'Enter a video link that starts with https:// (up to 2,000 characters).'
export const ENDS_BEFORE_START = 'The appointment must end after it starts.'
export const TOO_LONG = `That is more than ${MAX_APPOINTMENT_DAYS} days: check the end date.`

/**
 * One appointment as the form holds it: start date and time, end date and time, on the practice's
 * wall clock. The server turns them into instants in the practice's time zone.
 */
const AppointmentFields = z.object({
  appointmentId: z.uuid().optional(),
  clientId: z.uuid(),
  kind: z.enum(APPOINTMENT_KINDS, 'Choose what kind of appointment this is.'),
  date: z.string('Enter the start date.').refine(isCalendarDate, 'Enter a real date, such as 2026-12-01.'),
  startTime: z.string().regex(WALL_TIME, 'Enter the start time.'),
  endDate: z.string('Enter the end date.').refine(isCalendarDate, 'Enter a real end date, such as 2026-12-01.'),
  endTime: z.string().regex(WALL_TIME, 'Enter the end time.'),
  doulaId: z.union([z.uuid(CHOOSE_DOULA), z.literal('', CHOOSE_DOULA)], CHOOSE_DOULA),
  location: z.string().trim().max(500, 'Keep the place under 500 characters.'),
  videoUrl: z.union([z.literal('', VIDEO_LINK), z.url({ protocol: /^https$/, error: VIDEO_LINK }).max(2000, VIDEO_LINK)], VIDEO_LINK),
  sharedWithClient: z.boolean(),
  /** Set once the doula has seen the conflicting bookings and books anyway. */
  bookAnyway: z.boolean(),
})

interface Span {
  date: string
  startTime: string
  endDate: string
  endTime: string
}

/**
 * Minutes from start to end on the wall clock, or null while a field is not yet valid (its own message
 * is shown instead). Wall-clock minutes ignore DST shifts: the server re-checks on instants.
 */
export function wallClockMinutes({ date, startTime, endDate, endTime }: Span): number | null {
  if (!isCalendarDate(date) || !isCalendarDate(endDate) || !WALL_TIME.test(startTime) || !WALL_TIME.test(endTime)) return null
  const minutesOf = (day: string, time: string) => toDayNumber(day) * 1440 + Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
  return minutesOf(endDate, endTime) - minutesOf(date, startTime)
}

/** The end must follow the start, within `MAX_APPOINTMENT_DAYS`; the message goes on the field to fix. */
function checkSpan(v: Span, ctx: z.RefinementCtx) {
  const minutes = wallClockMinutes(v)
  if (minutes === null) return
  if (minutes <= 0) ctx.addIssue({ code: 'custom', path: [v.endDate < v.date ? 'endDate' : 'endTime'], message: ENDS_BEFORE_START })
  else if (minutes > MAX_APPOINTMENT_DAYS * 1440) ctx.addIssue({ code: 'custom', path: ['endDate'], message: TOO_LONG })
}

export const AppointmentFormSchema = AppointmentFields.superRefine(checkSpan)
export type AppointmentFormInput = z.input<typeof AppointmentFormSchema>
export type AppointmentForm = z.output<typeof AppointmentFormSchema>

export const AppointmentIdSchema = z.object({ appointmentId: z.uuid() })

/** Asks which of a doula's bookings overlap a slot, while the form is being filled in. */
export const ConflictQuerySchema = AppointmentFields.pick({ appointmentId: true, date: true, startTime: true, endDate: true, endTime: true, doulaId: true }).superRefine(checkSpan)
