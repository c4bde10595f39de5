import { z } from 'zod'
import { diffDays, isCalendarDate } from '@/lib/dates/calendar-date'

/** The longest span one appointments export covers. */
export const EXPORT_MAX_DAYS = 366

const day = (label: string) => z.string().trim().refine(isCalendarDate, `Enter a real ${label} date, like 2027-03-14.`)

// Zod runs an object's refinements even when a field failed; the span is judged only between real dates.
const bothDates = (r: { from: string; to: string }) => isCalendarDate(r.from) && isCalendarDate(r.to)

/** The days (inclusive, in the practice's time zone) whose appointments an export lists. */
export const AppointmentExportRangeSchema = z
  .object({ from: day('start'), to: day('end') })
  .refine((r) => !bothDates(r) || diffDays(r.from, r.to) >= 0, { path: ['to'], message: 'The end date must be on or after the start date.' })
  .refine((r) => !bothDates(r) || diffDays(r.from, r.to) < EXPORT_MAX_DAYS, {
    path: ['to'],
    message: `Export at most ${EXPORT_MAX_DAYS} days at a time.`,
  })
export type AppointmentExportRange = z.output<typeof AppointmentExportRangeSchema>
