import 'server-only'
import { addDays } from '@/lib/dates/calendar-date'
import { fromWallClock, toWallClock } from '@/lib/dates/zoned-time'
import { AppError } from '@/lib/errors'
import type { CsvValue } from '@/lib/privacy/csv'
import { dbFailure, type Db } from '@/lib/server/db'
import { listMemberships } from '@/lib/server/membership'
import { listMembers } from '@/lib/team/queries'
import type { AppointmentExportRange } from './export.schema'

export const APPOINTMENT_EXPORT_HEADER = [
  'date',
  'start',
  'end_date',
  'end',
  'time_zone',
  'client',
  'kind',
  'status',
  'doula',
  'location',
  'shared_with_client',
] as const

const PAGE = 500

/**
 * The practice's appointments that start on the days of `range` (in its time zone), cancelled ones
 * too, earliest first, one CSV row each with wall-clock times. Any member (`userId`, the caller
 * `db` signs in as) may export; another practice's member gets `forbidden` before anything is read.
 */
export async function exportAppointments(
  db: Db,
  userId: string,
  practiceId: string,
  range: AppointmentExportRange,
): Promise<AsyncIterable<readonly CsvValue[]>> {
  const [membership] = await listMemberships(db, userId, practiceId)
  if (!membership) throw new AppError({ code: 'forbidden', message: 'You are not part of this practice.' })
  const zone = membership.settings.timeZone
  const members = await listMembers(db, practiceId)
  const names = new Map(members.map((m) => [m.userId, m.name]))
  // Where clocks spring forward at midnight, that day begins at 01:00.
  const startOf = (date: string): string => {
    const at = fromWallClock({ date, time: '00:00' }, zone) ?? fromWallClock({ date, time: '01:00' }, zone)
    if (!at) throw new RangeError(`${date} has no start in ${zone}`)
    return at.toISOString()
  }
  const from = startOf(range.from)
  const to = startOf(addDays(range.to, 1))

  async function* rows(): AsyncIterable<readonly CsvValue[]> {
    for (let offset = 0; ; offset += PAGE) {
      const { data, error } = await db
        .from('appointments')
        .select('id, kind, status, starts_at, ends_at, location, doula_id, shared_with_client, journeys(clients(first_name, last_name))')
        .eq('practice_id', practiceId)
        .gte('starts_at', from)
        .lt('starts_at', to)
        .order('starts_at')
        .order('id')
        .range(offset, offset + PAGE - 1)
      if (error) throw dbFailure('load the appointments', error)
      for (const a of data) {
        const start = toWallClock(new Date(a.starts_at), zone)
        const end = toWallClock(new Date(a.ends_at), zone)
        const client = a.journeys?.clients
        yield [
          start.date,
          start.time,
          end.date,
          end.time,
          zone,
          client ? [client.first_name, client.last_name].filter(Boolean).join(' ') : '',
          a.kind,
          a.status,
          a.doula_id ? (names.get(a.doula_id) ?? '') : '',
          a.location,
          a.shared_with_client ? 'yes' : 'no',
        ]
      }
      if (data.length < PAGE) return
    }
  }
  return rows()
}
