/**
 * Intl.DateTimeFormat objects are immutable but costly to build (tens of microseconds, many times the
 * cost of formatting with one), and pages format a date per row. This keeps one per format and time
 * zone for the life of the process. Declare each format once, at module level: the cache is keyed by
 * its identity. Zones are IANA names, so the cache is bounded by formats × zones in use.
 */
export interface DateFormat {
  locale: string
  options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>
}

const formatters = new WeakMap<DateFormat, Map<string, Intl.DateTimeFormat>>()

/** The formatter for `format` in `timeZone`; throws a RangeError for an unknown zone, like Intl. */
export function formatIn(format: DateFormat, timeZone: string): Intl.DateTimeFormat {
  let byZone = formatters.get(format)
  if (!byZone) {
    byZone = new Map()
    formatters.set(format, byZone)
  }
  let formatter = byZone.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(format.locale, { ...format.options, timeZone })
    byZone.set(timeZone, formatter)
  }
  return formatter
}

const STAMP: DateFormat = {
  locale: 'en-US',
  options: { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
}

/**
 * "Nov 24, 2026, 10:05 AM EST": an instant on the practice's clock, always labelled with the zone, since
 * a client or a travelling doula may read it somewhere else.
 */
export function formatStamp(instant: Date | string, timeZone: string): string {
  return formatIn(STAMP, timeZone).format(typeof instant === 'string' ? new Date(instant) : instant)
}
