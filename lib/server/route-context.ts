import 'server-only'
import { AppError } from '@/lib/errors'
import { createClient } from '@/lib/supabase/server'
import type { Db } from './db'
import { memberContext, type DashboardContext } from './dashboard-context'
import type { Membership } from './membership'
import { portalClientContext, type PortalContext } from './portal-context'
import { getSessionUser, type SessionUser } from './session'

/*
 * Route handlers answer with statuses, not redirects: these are the page contexts as AppErrors,
 * which `errorResponse` (lib/server/http) turns into 401 and 403.
 */

const signIn = () => new AppError({ code: 'unauthorized', message: 'Please sign in again.' })

/** Any signed-in user (a member or a portal client) and her client: RLS alone decides what she reaches. */
export async function requireRouteUser(): Promise<{ user: SessionUser; db: Db }> {
  const user = await getSessionUser()
  if (!user) throw signIn()
  return { user, db: await createClient() }
}

/** The signed-in member and the practice she is working in. */
export async function requireRouteMember(): Promise<Omit<DashboardContext, 'active'> & { active: Membership }> {
  const context = await memberContext()
  if (!context) throw signIn()
  const { active } = context
  if (!active) throw new AppError({ code: 'forbidden', message: 'You are not a member of a practice.' })
  return { ...context, active }
}

/** The signed-in portal client and the record she is acting on. */
export async function requireRoutePortalClient(): Promise<PortalContext> {
  const context = await portalClientContext()
  if (!context) throw signIn()
  const { active } = context
  if (!active) throw new AppError({ code: 'forbidden', message: 'This login has no portal access.' })
  return { ...context, active }
}
