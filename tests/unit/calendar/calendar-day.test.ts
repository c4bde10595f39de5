import { describe, expect, it } from 'vitest'
import { buildDays } from '@/app/dashboard/calendar/_components/calendar-day'
import type { AgendaItem } from '@/lib/appointments/queries'

const zone = 'America/Chicago'
const item = (id: string, startsAt: string, endsAt: string): AgendaItem => ({
  id, clientId: 'c', clientName: 'Maya Lopez', kind: 'birth', status: 'scheduled', startsAt, endsAt,
  location: null, doulaId: null, videoUrl: null, sharedWithClient: true,
})
// Tue Dec 1 2026 10:00 PM to Wed Dec 2 4:00 AM, Chicago (UTC-6).
const birth = item('birth', '2026-12-02T04:00:00.000Z', '2026-12-02T10:00:00.000Z')
// Tue Dec 1 2026 11:00 PM to midnight.
const lateVisit = item('late', '2026-12-02T05:00:00.000Z', '2026-12-02T06:00:00.000Z')
// Thu Dec 3 2026 9:00 AM to Sat Dec 5 9:00 AM: a long labour.
const long = item('long', '2026-12-03T15:00:00.000Z', '2026-12-05T15:00:00.000Z')

const ids = (dates: string[], items: AgendaItem[]) =>
  Object.fromEntries(buildDays(dates, items, [], new Map(), zone).map((d) => [d.date, d.appointments.map((a) => a.id)]))

describe('calendar days', () => {
  it('puts an appointment on every day it covers, in the practice zone', () => {
    expect(ids(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'], [birth, lateVisit, long])).toEqual({
      '2026-12-01': ['birth', 'late'],
      '2026-12-02': ['birth'],
      '2026-12-03': ['long'],
      '2026-12-04': ['long'],
      '2026-12-05': ['long'],
      '2026-12-06': [],
    })
  })

  it('shows one begun before the first visible day on that day', () => {
    expect(ids(['2026-12-02', '2026-12-03'], [birth])).toEqual({ '2026-12-02': ['birth'], '2026-12-03': [] })
  })
})
