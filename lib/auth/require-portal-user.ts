import 'server-only'
import { redirect } from 'next/navigation'
import { getSessionUser, type SessionUser } from './session'

/** Portal pages check the session themselves; proxy.ts is only a first gate. */
export async function requirePortalUser(): Promise<SessionUser> {
  const user = await getSessionUser()
  if (!user) redirect('/login?next=%2Fportal')
  return user
}
