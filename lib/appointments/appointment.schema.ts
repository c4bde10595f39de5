import { z } from 'zod'
import { isCalendarDate } from '@/lib/dates/calendar-date'
import { WALL_TIME } from './zoned-time'

export const APPOINTMENT_KINDS = ['consult', 'prenatal', 'birth', 'postpartum', 'other'] as const

const CHOOSE_DOULA = 'Choose a doula from your practice.'
const VIDEO_LINK = 'Enter a video link that starts with https:// (up to 2,000 characters).'

/**
 * One appointment as the form holds it: a date and start/end times on the practice's wall clock.
 * The server turns them into instants in the practice's time zone.
 */
const AppointmentFields = z.object({
  appointmentId: z.uuid().optional(),
  clientId: z.uuid(),
  kind: z.enum(APPOINTMENT_KINDS, 'Choose what kind of appointment this is.'),
  date: z.string().refine(isCalendarDate, 'Enter a real date, such as 2026-12-01.'),
  startTime: z.string().regex(WALL_TIME, 'Enter the start time.'),
  endTime: z.string().regex(WALL_TIME, 'Enter the end time.'),
  doulaId: z.union([z.uuid(CHOOSE_DOULA), z.literal('', CHOOSE_DOULA)], CHOOSE_DOULA),
  location: z.string().trim().max(500, 'Keep the place under 500 characters.'),
  videoUrl: z.union([z.literal('', VIDEO_LINK), z.url({ protocol: /^https$/, error: VIDEO_LINK }).max(2000, VIDEO_LINK)], VIDEO_LINK),
  sharedWithClient: z.boolean(),
  /** Set once the doula has seen the conflicting bookings and books anyway. */
  bookAnyway: z.boolean(),
})

export const AppointmentFormSchema = AppointmentFields.refine(
  (v) => !WALL_TIME.test(v.startTime) || !WALL_TIME.test(v.endTime) || v.endTime > v.startTime,
  { path: ['endTime'], message: 'The end time must be after the start time.' },
)
export type AppointmentFormInput = z.input<typeof AppointmentFormSchema>
export type AppointmentForm = z.output<typeof AppointmentFormSchema>

export const AppointmentIdSchema = z.object({ appointmentId: z.uuid() })

/** Asks which of a doula's bookings overlap a slot, while the form is being filled in. */
export const ConflictQuerySchema = AppointmentFields.pick({ appointmentId: true, date: true, startTime: true, endTime: true, doulaId: true })
