/**
 * Dates as spreadsheets and other tools write them, read into calendar dates for the CSV import.
 * Unambiguous forms are read as they are: 2027-03-05, 2027/03/05, "March 5, 2027", "5 March 2027",
 * "Mar 5 2027", with or without a weekday (which must then be right). A numeric day/month date
 * (3/5/2027, 05.03.2027) is read in the order the doula chose. Two-digit years are never guessed.
 */
import { isCalendarDate, toDayNumber, type CalendarDate } from '@/lib/dates/calendar-date'

export const DATE_ORDERS = ['month-first', 'day-first'] as const
export type DateOrder = (typeof DATE_ORDERS)[number]
export const DATE_ORDER_LABELS: Record<DateOrder, string> = {
  'month-first': 'Month first (3/14/2027, as in the US)',
  'day-first': 'Day first (14/3/2027)',
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']

/** A month or weekday from its full name or an abbreviation of at least three letters ("Sept" too). */
const named = (names: readonly string[], word: string) => (word.length >= 3 ? names.findIndex((n) => n.startsWith(word)) : -1)

export type DateReading = { ok: true; date: CalendarDate } | { ok: false; message: string }

const pad = (n: string) => n.padStart(2, '0')

function fromParts(value: string, year: string, month: string, day: string): DateReading {
  const date = `${year}-${pad(month)}-${pad(day)}`
  return isCalendarDate(date) ? { ok: true, date } : { ok: false, message: `"${value}" is not a real date.` }
}

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/
const NUMERIC = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})$/
const MONTH_FIRST = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?,? (\d{4})$/

/** `value` (trimmed, not empty) as a calendar date, or why it cannot be read. */
export function readDate(value: string, order: DateOrder): DateReading {
  const unreadable: DateReading = { ok: false, message: `"${value}" is not a date this import can read: write it as 2027-03-14, 3/14/2027 or March 14, 2027.` }
  const iso = ISO.exec(value)
  if (iso) return fromParts(value, iso[1]!, iso[2]!, iso[3]!)
  const numeric = NUMERIC.exec(value)
  if (numeric) {
    const [, first = '', second = '', year = ''] = numeric
    if (year.length !== 4) return { ok: false, message: `"${value}" has a two-digit year: write the year in full (2027).` }
    return order === 'month-first' ? fromParts(value, year, first, second) : fromParts(value, year, second, first)
  }
  let text = value.toLowerCase().replace(/\s+/g, ' ')
  let weekday = -1
  const lead = /^([a-z]+)\.?,? (.+)$/.exec(text)
  if (lead && named(WEEKDAYS, lead[1]!) >= 0) {
    weekday = named(WEEKDAYS, lead[1]!)
    text = lead[2]!
  }
  const monthFirst = MONTH_FIRST.exec(text)
  const dayFirst = DAY_FIRST.exec(text)
  const parts = monthFirst ? { month: monthFirst[1]!, day: monthFirst[2]!, year: monthFirst[3]! } : dayFirst ? { month: dayFirst[2]!, day: dayFirst[1]!, year: dayFirst[3]! } : null
  const month = parts ? named(MONTHS, parts.month) : -1
  if (!parts || month < 0) return unreadable
  const reading = fromParts(value, parts.year, String(month + 1), parts.day)
  // 1970-01-01 was a Thursday.
  if (reading.ok && weekday >= 0 && (toDayNumber(reading.date) + 4) % 7 !== weekday) {
    return { ok: false, message: `"${value}": that date is not a ${WEEKDAYS[weekday]![0]!.toUpperCase()}${WEEKDAYS[weekday]!.slice(1)}. Check the day.` }
  }
  return reading
}

/** "March 5, 2027": how the preview shows what a date was read as, the same in every order. */
export function spelledDate(date: CalendarDate): string {
  const [year, month, day] = date.split('-')
  const name = MONTHS[Number(month) - 1]!
  return `${name[0]!.toUpperCase()}${name.slice(1)} ${Number(day)}, ${year}`
}
