import 'server-only'
import type { CalendarDate } from '@/lib/dates/calendar-date'
import { isUuid } from '@/lib/ids'
import { type JourneyStatus, JourneyStatusSchema } from '@/lib/journeys/journey.schema'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { type ClientListParams } from './client.schema'

export const CLIENT_PAGE_SIZE = 50

export interface ClientRow {
  id: string
  firstName: string
  lastName: string
  preferredName: string | null
  email: string | null
  phone: string | null
  archived: boolean
  journeyId: string | null
  dueDate: CalendarDate | null
  status: JourneyStatus | null
  primaryDoulaId: string | null
  backupDoulaId: string | null
}

export interface ClientPage {
  rows: ClientRow[]
  /** Opaque cursor for the next page, or null on the last page. */
  next: string | null
}

/** The cursor is the last row's (sort key, id), base64url-encoded so it survives a URL untouched. */
function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url')
}

function decodeCursor(cursor: string | undefined): { key: string; id: string } | null {
  if (!cursor) return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && isUuid(parsed[1])) {
      return { key: parsed[0], id: parsed[1] }
    }
  } catch {
    // A hand-edited cursor restarts the list instead of failing the page.
  }
  return null
}

/** One page of the practice's clients with their current journeys (keyset pagination, ≤ 50 rows). */
export async function listClients(db: Db, practiceId: string, params: ClientListParams, pageSize = CLIENT_PAGE_SIZE): Promise<ClientPage> {
  const after = decodeCursor(params.after)
  const limit = Math.min(pageSize, CLIENT_PAGE_SIZE)
  const { data, error } = await db.rpc('list_clients', {
    p_practice_id: practiceId,
    p_search: params.q || undefined,
    p_status: params.status,
    p_doula_id: params.doula,
    p_due_month: params.due ? `${params.due}-01` : undefined,
    p_archived: params.archived,
    p_sort: params.sort,
    p_after_key: after?.key,
    p_after_id: after?.id,
    // One extra row tells whether another page exists.
    p_limit: limit + 1,
  })
  if (error) throw dbFailure('load your clients', error)
  const page = data.slice(0, limit)
  const last = page.at(-1)
  return {
    rows: page.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      preferredName: r.preferred_name ?? null,
      email: r.email ?? null,
      phone: r.phone ?? null,
      archived: r.archived_at !== null,
      journeyId: r.journey_id ?? null,
      dueDate: r.due_date ?? null,
      status: r.status ? JourneyStatusSchema.parse(r.status) : null,
      primaryDoulaId: r.primary_doula_id ?? null,
      backupDoulaId: r.backup_doula_id ?? null,
    })),
    next: data.length > limit && last ? encodeCursor(last.sort_key, last.id) : null,
  }
}

const JOURNEY_COLUMNS =
  'id, due_date, status, primary_doula_id, backup_doula_id, on_call_start_week, on_call_end_week, born_at, birth_place, delivery_mode, baby_count, created_at'

export async function getClientOrThrow(db: Db, practiceId: string, clientId: string) {
  const { data, error } = await db
    .from('clients')
    .select(
      `id, first_name, last_name, preferred_name, pronouns, email, phone, address, partner_contacts, lead_source, utm, portal_user_id, archived_at, created_at, journeys(${JOURNEY_COLUMNS}), portal_invitations(created_at, expires_at, accepted_at, revoked_at)`,
    )
    .eq('practice_id', practiceId)
    .eq('id', clientId)
    .order('created_at', { referencedTable: 'journeys', ascending: false })
    .order('created_at', { referencedTable: 'portal_invitations', ascending: false })
    .limit(1, { referencedTable: 'portal_invitations' })
    .maybeSingle()
  if (error) throw dbFailure('load this client', error)
  if (!data) throw notFound('client')
  const { portal_invitations: invitations, ...client } = data
  const journeys = client.journeys.map((j) => ({ ...j, status: JourneyStatusSchema.parse(j.status) }))
  const latest = invitations[0]
  // The invitation she has not answered yet, while it can still be accepted.
  const openInvitation =
    latest && !latest.accepted_at && !latest.revoked_at && Date.parse(latest.expires_at) > Date.now() ? { sentAt: latest.created_at } : null
  return { ...client, journeys, current: journeys[0] ?? null, openInvitation }
}
export type ClientDetail = Awaited<ReturnType<typeof getClientOrThrow>>

/**
 * Every milestone of the client, each with its journey. Keyed by client, not journey, so the client
 * page can fetch it alongside the client instead of after it (it picks the current journey's).
 */
export async function listMilestones(db: Db, practiceId: string, clientId: string) {
  const { data, error } = await db
    .from('milestones')
    .select('id, journey_id, title, kind, due_on, done_at, shared_with_client, created_at')
    .eq('practice_id', practiceId)
    .eq('client_id', clientId)
    .order('due_on', { ascending: true, nullsFirst: false })
  if (error) throw dbFailure('load the milestones', error)
  return data
}
