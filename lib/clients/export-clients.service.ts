import 'server-only'
import { JOURNEY_STATUS_LABELS } from '@/lib/journeys/journey.schema'
import { AppError } from '@/lib/errors'
import type { CsvValue } from '@/lib/privacy/csv'
import type { Db } from '@/lib/server/db'
import { listMemberships } from '@/lib/server/membership'
import { listMembers } from '@/lib/team/queries'
import type { ClientListParams } from './client.schema'
import { listClients } from './queries'

export const CLIENT_EXPORT_HEADER = [
  'first_name',
  'last_name',
  'preferred_name',
  'email',
  'phone',
  'status',
  'due_date',
  'primary_doula',
  'backup_doula',
  'archived',
] as const

/**
 * The client list as the list page shows it with `params` (search, status, doula, due month,
 * archived; every page from the first), one CSV row per client. Any member (`userId`, the caller
 * `db` signs in as) may export; another practice's member gets `forbidden` before anything is read.
 */
export async function exportClients(
  db: Db,
  userId: string,
  practiceId: string,
  params: ClientListParams,
): Promise<AsyncIterable<readonly CsvValue[]>> {
  const [membership] = await listMemberships(db, userId, practiceId)
  if (!membership) throw new AppError({ code: 'forbidden', message: 'You are not part of this practice.' })
  const names = new Map((await listMembers(db, practiceId)).map((m) => [m.userId, m.name]))
  const name = (id: string | null) => (id ? (names.get(id) ?? '') : '')
  async function* rows(): AsyncIterable<readonly CsvValue[]> {
    let after: string | undefined
    do {
      const page = await listClients(db, practiceId, { ...params, after })
      for (const c of page.rows) {
        yield [
          c.firstName,
          c.lastName,
          c.preferredName,
          c.email,
          c.phone,
          c.status ? JOURNEY_STATUS_LABELS[c.status] : '',
          c.dueDate,
          name(c.primaryDoulaId),
          name(c.backupDoulaId),
          c.archived ? 'yes' : 'no',
        ]
      }
      after = page.next ?? undefined
    } while (after)
  }
  return rows()
}
