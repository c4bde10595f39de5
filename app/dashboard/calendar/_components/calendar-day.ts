import type { AgendaItem, OnCallLaneEntry } from '@/lib/appointments/queries'
import { coversDay } from '@/lib/appointments/queries'
import { daysCovered } from '@/lib/appointments/time-range'
import { addDays, type CalendarDate } from '@/lib/dates/calendar-date'
import type { OnCallWindow } from '@/lib/pregnancy/on-call'

export interface OnCallMark {
  journeyId: string
  clientId: string
  clientName: string
  doulaName: string | null
  window: OnCallWindow
}

export interface CalendarDay {
  date: CalendarDate
  appointments: AgendaItem[]
  onCall: OnCallMark[]
}

/**
 * Each day's appointments, on every day they cover on the practice's wall clock (an overnight birth is on
 * its start day and the morning after), and who is on call that day.
 */
export function buildDays(
  dates: CalendarDate[],
  appointments: AgendaItem[],
  onCall: OnCallLaneEntry[],
  doulaNames: Map<string, string>,
  timeZone: string,
): CalendarDay[] {
  const byDate = new Map<CalendarDate, AgendaItem[]>()
  for (const a of appointments) {
    const { first, last } = daysCovered(a.startsAt, a.endsAt, timeZone)
    for (let date = first; date <= last; date = addDays(date, 1)) {
      const items = byDate.get(date)
      if (items) items.push(a)
      else byDate.set(date, [a])
    }
  }
  return dates.map((date) => ({
    date,
    appointments: byDate.get(date) ?? [],
    onCall: onCall
      .filter((e) => coversDay(e, date))
      .map((e) => ({
        journeyId: e.journeyId,
        clientId: e.clientId,
        clientName: e.clientName,
        doulaName: e.primaryDoulaId ? (doulaNames.get(e.primaryDoulaId) ?? null) : null,
        window: e.window,
      })),
  }))
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' })
const SHORT_DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
const SHORT_WEEKDAY = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' })

/** "Monday, November 23" for a calendar date (formatted in UTC: a calendar date has no zone). */
export const longDay = (date: CalendarDate) => DAY_FORMAT.format(new Date(`${date}T00:00:00Z`))
export const shortWeekday = (date: CalendarDate) => SHORT_WEEKDAY.format(new Date(`${date}T00:00:00Z`))
export const dayOfMonth = (date: CalendarDate) => Number(date.slice(8, 10))
/** "Nov 23" for a calendar date. */
export const shortDay = (date: CalendarDate) => SHORT_DAY.format(new Date(`${date}T00:00:00Z`))
