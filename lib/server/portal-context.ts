import 'server-only'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import type { ClientRef } from '@/lib/clients/client.schema'
import { createClient } from '@/lib/supabase/server'
import { PORTAL_PRACTICE_COOKIE, readChoice } from './cookies'
import { dbFailure, type Db } from './db'
import { getSessionUser, type SessionUser } from './session'

export const PORTAL_LOGIN_PATH = '/portal-login'

export interface PortalClientRecord extends ClientRef {
  practiceName: string
  /** The practice's IANA zone: appointments and "today" are shown in it. */
  timeZone: string
  firstName: string
  preferredName: string | null
}

export interface PortalContext {
  user: SessionUser
  /** Her client: every query through it runs under her RLS. */
  db: Db
  records: PortalClientRecord[]
  /** The record she is looking at: the remembered practice's, else her first. */
  active: PortalClientRecord
}

/** Her client records, one per practice, read through her own RLS (portal_user_id = her login). */
const recordsFor = cache(async (userId: string): Promise<PortalClientRecord[]> => {
  const { data, error } = await (await createClient())
    .from('clients')
    .select('id, practice_id, first_name, preferred_name, practices(name, time_zone)')
    .eq('portal_user_id', userId)
    .order('created_at')
  if (error) throw dbFailure('load your portal', error)
  return data.map((r) => ({
    clientId: r.id,
    practiceId: r.practice_id,
    practiceName: r.practices?.name ?? 'Your practice',
    timeZone: r.practices?.time_zone ?? 'UTC',
    firstName: r.first_name,
    preferredName: r.preferred_name,
  }))
})

/**
 * The signed-in user as a portal client: `null` without a session, `active: null` for a login with
 * no client record (never invited, or access revoked).
 */
export async function portalClientContext(): Promise<(Omit<PortalContext, 'active'> & { active: PortalClientRecord | null }) | null> {
  const user = await getSessionUser()
  if (!user) return null
  const [db, records, remembered] = await Promise.all([createClient(), recordsFor(user.id), readChoice(PORTAL_PRACTICE_COOKIE)])
  return { user, db, records, active: records.find((r) => r.practiceId === remembered) ?? records[0] ?? null }
}

/**
 * What every portal page and layout starts from. No session → the portal login; a login with no
 * client record → refused there, whatever URL was typed.
 */
export async function requirePortalContext(): Promise<PortalContext> {
  const context = await portalClientContext()
  if (!context) redirect(PORTAL_LOGIN_PATH)
  const { active } = context
  if (!active) redirect(`${PORTAL_LOGIN_PATH}?revoked=1`)
  return { ...context, active }
}
