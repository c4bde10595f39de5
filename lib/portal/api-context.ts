import 'server-only'
import { cookies } from 'next/headers'
import { getSessionUser } from '@/lib/auth/session'
import { createClient } from '@/lib/supabase/server'
import { PORTAL_PRACTICE_COOKIE } from './context'

/**
 * For API routes (which answer with statuses, not redirects): the signed-in user and, when she is
 * a portal client, the client record she is acting on (her active practice's).
 */
export async function apiPortalContext() {
  const user = await getSessionUser()
  if (!user) return null
  const supabase = await createClient()
  const { data, error } = await supabase.from('clients').select('id, practice_id').eq('portal_user_id', user.id).order('created_at')
  if (error) throw new Error(`Could not load portal records: ${error.message}`)
  const remembered = (await cookies()).get(PORTAL_PRACTICE_COOKIE)?.value
  const active = data.find((r) => r.practice_id === remembered) ?? data[0]
  return { user, supabase, active: active ? { clientId: active.id, practiceId: active.practice_id } : null }
}
