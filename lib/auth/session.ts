import 'server-only'
import { cache } from 'react'
import { AppError } from '@/lib/errors'
import { createClient } from '@/lib/supabase/server'

export interface SessionUser {
  id: string
  email: string | null
}

/**
 * The signed-in user from verified JWT claims (never getSession(), whose user is unverified),
 * memoised per request so the layout and the page share one check.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const supabase = await createClient()
  const { data, error } = await supabase.auth.getClaims()
  if (error || !data) return null
  const { sub, email } = data.claims
  if (typeof sub !== 'string') return null
  return { id: sub, email: typeof email === 'string' ? email : null }
})

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser()
  if (!user) throw new AppError({ code: 'unauthorized', message: 'Please sign in to continue.' })
  return user
}
