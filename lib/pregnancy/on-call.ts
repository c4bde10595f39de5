import { diffDays, type CalendarDate } from '@/lib/dates/calendar-date'
import { dateAtGestationalAge } from './gestation'

export interface OnCallWindow {
  start: CalendarDate
  /** Inclusive: the doula is on call through the end of this day. */
  end: CalendarDate
}

export interface OnCallWeeks {
  startWeek: number
  endWeek: number
}

/** The default practice window: on call from 38w0d through 42w0d. */
export const DEFAULT_ON_CALL_WEEKS: OnCallWeeks = { startWeek: 38, endWeek: 42 }

export function onCallWindow(dueDate: CalendarDate, weeks: OnCallWeeks = DEFAULT_ON_CALL_WEEKS): OnCallWindow {
  if (weeks.endWeek < weeks.startWeek) throw new RangeError('The on-call window must end after it starts')
  return { start: dateAtGestationalAge(dueDate, weeks.startWeek), end: dateAtGestationalAge(dueDate, weeks.endWeek) }
}

export function isWithin(window: OnCallWindow, date: CalendarDate): boolean {
  return diffDays(window.start, date) >= 0 && diffDays(date, window.end) >= 0
}

export function windowsOverlap(a: OnCallWindow, b: OnCallWindow): boolean {
  return diffDays(a.start, b.end) >= 0 && diffDays(b.start, a.end) >= 0
}

export interface CapacityRule {
  /** At most this many due dates… */
  maxDueDates: number
  /** …within this many days either side of any one due date. */
  windowDays: number
}

export interface BookedDueDate {
  journeyId: string
  dueDate: CalendarDate
}

export interface CapacityCheck {
  /** Booked journeys whose due dates fall within ±windowDays of the new one. */
  nearby: BookedDueDate[]
  /** True when adding the new due date would break the rule. */
  exceeded: boolean
}

/** The practice's capacity guard, e.g. "at most 3 due dates within ±14 days". */
export function checkCapacity(dueDate: CalendarDate, booked: BookedDueDate[], rule: CapacityRule): CapacityCheck {
  const nearby = booked.filter((b) => Math.abs(diffDays(dueDate, b.dueDate)) <= rule.windowDays)
  return { nearby, exceeded: nearby.length + 1 > rule.maxDueDates }
}
