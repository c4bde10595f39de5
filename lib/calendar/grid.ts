import { TZDate } from '@date-fns/tz'
import { addDays, isCalendarDate, toDayNumber, type CalendarDate } from '@/lib/dates/calendar-date'
import { isUuid } from '@/lib/ids'

export const CALENDAR_VIEWS = ['week', 'month', 'agenda'] as const
export type CalendarView = (typeof CALENDAR_VIEWS)[number]

/** How many days the agenda lists from its anchor date. */
export const AGENDA_SPAN_DAYS = 28

export interface CalendarParams {
  view: CalendarView
  /** Any day inside the period shown. */
  date: CalendarDate
  doulaId: string | null
  showCancelled: boolean
}

/** Reads the calendar's URL state; anything malformed falls back to this week, everyone, cancelled hidden. */
export function parseCalendarParams(search: Record<string, string | string[] | undefined>, today: CalendarDate): CalendarParams {
  const one = (key: string) => (typeof search[key] === 'string' ? search[key] : undefined)
  const view = CALENDAR_VIEWS.find((v) => v === one('view')) ?? 'week'
  const date = one('date')
  const doula = one('doula')
  return {
    view,
    date: date && isCalendarDate(date) ? date : today,
    doulaId: doula && isUuid(doula) ? doula : null,
    showCancelled: one('cancelled') === 'show',
  }
}

/** The URL of the calendar with some of its state changed. */
export function calendarHref(params: CalendarParams, change: Partial<CalendarParams> = {}): string {
  const next = { ...params, ...change }
  const query = new URLSearchParams({ view: next.view, date: next.date })
  if (next.doulaId) query.set('doula', next.doulaId)
  if (next.showCancelled) query.set('cancelled', 'show')
  return `/dashboard/calendar?${query.toString()}`
}

/** 0 for Monday … 6 for Sunday. Day 0 of the epoch (1970-01-01) was a Thursday. */
export const weekdayIndex = (date: CalendarDate) => (((toDayNumber(date) + 3) % 7) + 7) % 7

/** The Monday on or before `date`: weeks start on Monday. */
export const startOfWeek = (date: CalendarDate) => addDays(date, -weekdayIndex(date))

export const weekDays = (date: CalendarDate): CalendarDate[] => Array.from({ length: 7 }, (_, i) => addDays(startOfWeek(date), i))

const firstOfMonth = (date: CalendarDate) => `${date.slice(0, 7)}-01`

function shiftMonth(date: CalendarDate, months: number): CalendarDate {
  const [y, m] = date.split('-').map(Number) as [number, number]
  const total = y * 12 + (m - 1) + months
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-01`
}

/** The month as whole Monday-to-Sunday weeks, including the spill-over days of the months around it. */
export function monthGrid(date: CalendarDate): CalendarDate[][] {
  const first = firstOfMonth(date)
  const last = addDays(shiftMonth(first, 1), -1)
  const weeks: CalendarDate[][] = []
  for (let monday = startOfWeek(first); monday <= last; monday = addDays(monday, 7)) weeks.push(weekDays(monday))
  return weeks
}

export const isSameMonth = (a: CalendarDate, b: CalendarDate) => a.slice(0, 7) === b.slice(0, 7)

/** The days a view shows, as a half-open range of calendar dates. */
export function visibleDays(view: CalendarView, date: CalendarDate): { start: CalendarDate; end: CalendarDate } {
  if (view === 'week') return { start: startOfWeek(date), end: addDays(startOfWeek(date), 7) }
  if (view === 'agenda') return { start: date, end: addDays(date, AGENDA_SPAN_DAYS) }
  const weeks = monthGrid(date)
  return { start: weeks[0]![0]!, end: addDays(weeks.at(-1)![6]!, 1) }
}

/** The anchor date one period before (-1) or after (+1). Months move to the 1st, so 31 Jan never skips February. */
export function stepDate(view: CalendarView, date: CalendarDate, direction: -1 | 1): CalendarDate {
  if (view === 'week') return addDays(startOfWeek(date), 7 * direction)
  if (view === 'agenda') return addDays(date, AGENDA_SPAN_DAYS * direction)
  return shiftMonth(date, direction)
}

/**
 * The instant a day begins in `timeZone`. Days are 23 or 25 hours long when clocks change, so a
 * range of days is bounded by these instants, never by adding 24 hours.
 */
export function startOfDayInstant(date: CalendarDate, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(new TZDate(y, m - 1, d, 0, 0, timeZone).getTime())
}

/** The half-open instant range covering `days` in `timeZone`. */
export function instantRange(days: { start: CalendarDate; end: CalendarDate }, timeZone: string): { from: Date; to: Date } {
  return { from: startOfDayInstant(days.start, timeZone), to: startOfDayInstant(days.end, timeZone) }
}
