import 'server-only'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import { isPortalOnlyLogin } from '@/lib/auth/onboarding'
import { createClient } from '@/lib/supabase/server'
import { ACTIVE_PRACTICE_COOKIE, readChoice } from './cookies'
import type { Db } from './db'
import { listMemberships, pickActiveMembership, type Membership } from './membership'
import { getSessionUser, type SessionUser } from './session'

/** One membership lookup per request and user, shared by the layout and the page. */
const membershipsFor = cache(async (userId: string) => listMemberships(await createClient(), userId))

export interface DashboardContext {
  user: SessionUser
  /** Her client: every query through it runs under her RLS. */
  db: Db
  memberships: Membership[]
  /** The practice she is working in; null until onboarding has created one. */
  active: Membership | null
}

/** The signed-in user's memberships and the one she is working in, or null without a session. */
export async function memberContext(): Promise<DashboardContext | null> {
  const user = await getSessionUser()
  if (!user) return null
  const [db, memberships, remembered] = await Promise.all([createClient(), membershipsFor(user.id), readChoice(ACTIVE_PRACTICE_COOKIE)])
  return { user, db, memberships, active: pickActiveMembership(memberships, remembered) }
}

/**
 * What every dashboard page and layout starts from; without a session it redirects to the login
 * (proxy.ts is only a first gate). A client's portal login with no practice goes to her portal:
 * the dashboard would offer her onboarding, which is for doulas.
 */
export async function requireDashboardContext(): Promise<DashboardContext> {
  const context = await memberContext()
  if (!context) redirect('/login?next=%2Fdashboard')
  if (!context.active && (await portalOnly(context.db))) redirect('/portal')
  return context
}

const portalOnly = cache(isPortalOnlyLogin)
