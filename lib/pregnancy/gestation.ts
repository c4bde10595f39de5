import { addDays, diffDays, type CalendarDate } from '@/lib/dates/calendar-date'

/** A full-term pregnancy is dated as 280 days (40 weeks) from the first day of the last period. */
export const TERM_DAYS = 280

export interface GestationalAge {
  weeks: number
  days: number
  /** Days since the dated start of the pregnancy (may be negative before it, or above 280 after the due date). */
  totalDays: number
}

export type Trimester = 1 | 2 | 3

export function gestationalAge(dueDate: CalendarDate, today: CalendarDate): GestationalAge {
  const totalDays = TERM_DAYS - diffDays(today, dueDate)
  return { weeks: Math.floor(totalDays / 7), days: ((totalDays % 7) + 7) % 7, totalDays }
}

/** "32w 4d", the notation doulas and midwives use. */
export function formatGestationalAge(age: GestationalAge): string {
  return `${age.weeks}w ${age.days}d`
}

/** ACOG: first trimester to 13w6d, second 14w0d to 27w6d, third from 28w0d. */
export function trimester(age: GestationalAge): Trimester {
  if (age.totalDays < 14 * 7) return 1
  if (age.totalDays < 28 * 7) return 2
  return 3
}

export function daysUntilDue(dueDate: CalendarDate, today: CalendarDate): number {
  return diffDays(today, dueDate)
}

/** The calendar date on which the pregnancy reaches `weeks`w `days`d. */
export function dateAtGestationalAge(dueDate: CalendarDate, weeks: number, days = 0): CalendarDate {
  return addDays(dueDate, weeks * 7 + days - TERM_DAYS)
}

/** How far a due date may sit from today when it is entered: at most 44 weeks ahead, 6 weeks past. */
export const DUE_DATE_MAX_WEEKS_AHEAD = 44
export const DUE_DATE_MAX_WEEKS_PAST = 6

export type DueDateProblem = 'too_far_ahead' | 'too_far_past'

export function checkDueDate(dueDate: CalendarDate, today: CalendarDate): DueDateProblem | null {
  const ahead = diffDays(today, dueDate)
  if (ahead > DUE_DATE_MAX_WEEKS_AHEAD * 7) return 'too_far_ahead'
  if (ahead < -DUE_DATE_MAX_WEEKS_PAST * 7) return 'too_far_past'
  return null
}
