import 'server-only'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import { getSessionUser } from '@/lib/auth/session'
import { createClient } from '@/lib/supabase/server'
import { ACTIVE_PRACTICE_COOKIE } from './practice.schema'
import { listMemberships, pickActiveMembership, type Membership } from './queries'

/** One membership lookup per request and user, shared by the layout and the page. */
const membershipsFor = cache(async (userId: string) => listMemberships(await createClient(), userId))

export interface DashboardContext {
  user: { id: string; email: string | null }
  memberships: Membership[]
  active: Membership | null
}

/**
 * What every dashboard page starts from. Pages call it themselves (proxy.ts is only a first gate).
 */
export async function requireDashboardContext(): Promise<DashboardContext> {
  const user = await getSessionUser()
  if (!user) redirect('/login?next=%2Fdashboard')
  const memberships = await membershipsFor(user.id)
  const remembered = (await cookies()).get(ACTIVE_PRACTICE_COOKIE)?.value
  return { user, memberships, active: pickActiveMembership(memberships, remembered) }
}
