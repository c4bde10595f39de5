import 'server-only'
import { cookies } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import { getSessionUser, type SessionUser } from '@/lib/auth/session'
import type { Db } from '@/lib/practice/db'
import { createClient } from '@/lib/supabase/server'

export const PORTAL_PRACTICE_COOKIE = 'doulaos-portal-practice'
export const PORTAL_LOGIN_PATH = '/portal-login'

export interface PortalClientRecord {
  clientId: string
  practiceId: string
  practiceName: string
  /** The practice's IANA zone: appointments and "today" are shown in it. */
  timeZone: string
  firstName: string
  preferredName: string | null
}

export interface PortalContext {
  user: SessionUser
  supabase: Db
  records: PortalClientRecord[]
  active: PortalClientRecord
}

interface ClientRow {
  id: string
  practice_id: string
  first_name: string
  preferred_name: string | null
  practices: { name: string; time_zone: string } | null
}

/** Her client records, one per practice, read through her own RLS (portal_user_id = her login). */
const recordsFor = cache(async (userId: string): Promise<PortalClientRecord[]> => {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('clients')
    .select('id, practice_id, first_name, preferred_name, practices(name, time_zone)')
    .eq('portal_user_id', userId)
    .order('created_at')
    .overrideTypes<ClientRow[], { merge: false }>()
  if (error) throw new Error(`Could not load portal records: ${error.message}`)
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
 * Every portal page starts here. No session → the portal login; a login with no client record
 * (never invited, or access revoked) → refused, whatever URL was typed.
 */
export async function requirePortalContext(): Promise<PortalContext> {
  const user = await getSessionUser()
  if (!user) redirect(`${PORTAL_LOGIN_PATH}`)
  const records = await recordsFor(user.id)
  const remembered = (await cookies()).get(PORTAL_PRACTICE_COOKIE)?.value
  const active = records.find((r) => r.practiceId === remembered) ?? records[0]
  if (!active) redirect(`${PORTAL_LOGIN_PATH}?revoked=1`)
  return { user, supabase: await createClient(), records, active }
}

/** The practice the portal shows from the next request on (she may be a client of several). */
export async function rememberPortalPractice(practiceId: string): Promise<void> {
  ;(await cookies()).set(PORTAL_PRACTICE_COOKIE, practiceId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production',
    path: '/portal',
  })
  revalidatePath('/portal', 'layout')
}
