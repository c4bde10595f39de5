/**
 * The IANA time zones a practice may choose: this runtime's list plus UTC (which ICU lists
 * separately). The settings page renders the server's list, so the select and the action agree.
 */
export function listTimeZones(): string[] {
  return [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort()
}

let known: Set<string> | undefined

export function isListedTimeZone(value: string): boolean {
  known ??= new Set(listTimeZones())
  return known.has(value)
}

/** "America/New_York" → "America / New York", as the select shows it. */
export const timeZoneLabel = (zone: string): string => zone.replaceAll('_', ' ').replaceAll('/', ' / ')
