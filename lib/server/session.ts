import 'server-only'
import { cache } from 'react'
import { AppError } from '@/lib/errors'
import { createClient } from '@/lib/supabase/server'

export interface SessionUser {
  id: string
  email: string | null
  /** From user_metadata: user-editable, so for display only, never for decisions. */
  fullName: string | null
}

/**
 * The signed-in user from verified JWT claims (never getSession(), whose user is unverified),
 * memoised per request so the layout and the page share one check.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const supabase = await createClient()
  const { data, error } = await supabase.auth.getClaims()
  if (error || !data) return null
  const { sub, email, user_metadata: metadata } = data.claims
  if (typeof sub !== 'string') return null
  const fullName = metadata && typeof metadata.full_name === 'string' ? metadata.full_name.trim() || null : null
  return { id: sub, email: typeof email === 'string' ? email : null, fullName }
})

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser()
  if (!user) throw new AppError({ code: 'unauthorized', message: 'Please sign in to continue.' })
  return user
}

/**
 * Her current access token (≤ 15 min, `jwt_expiry`), verified by getClaims() on this request, for
 * her own browser to upload a file straight to Storage as herself (RLS checks that write as it
 * happens). The refresh token stays in the HttpOnly cookie; nothing else of the session leaves.
 */
export async function currentAccessToken(): Promise<string | null> {
  const supabase = await createClient()
  const { data: verified, error } = await supabase.auth.getClaims()
  if (error || !verified) return null
  // The session read here is the one getClaims() has just verified (same request, same cookies).
  // eslint-disable-next-line no-restricted-syntax
  const { data } = await supabase.auth.getSession()
  return data.session?.access_token ?? null
}
