import 'server-only'
import { createSafeActionClient } from 'next-safe-action'
import { cookies } from 'next/headers'
import { requireUser } from '@/lib/auth/session'
import { AppError, userFacingMessage } from '@/lib/errors'
import { ACTIVE_PRACTICE_COOKIE } from '@/lib/practice/practice.schema'
import { listMemberships, pickActiveMembership } from '@/lib/practice/queries'
import { createClient } from '@/lib/supabase/server'

/**
 * The one action client. Unexpected errors are logged with their detail and reach the user only as
 * a generic message; AppError messages are written for users and pass through.
 */
export const actionClient = createSafeActionClient({
  handleServerError(error) {
    if (!(error instanceof AppError) || error.code === 'internal') console.error('[action]', error)
    return userFacingMessage(error)
  },
})

/** Adds the verified user and a user-scoped Supabase client. */
export const authActionClient = actionClient.use(async ({ next }) => {
  const user = await requireUser()
  const supabase = await createClient()
  return next({ ctx: { user, supabase } })
})

/** Adds the active practice and the user's role in it; a non-member never gets this far. */
export const practiceActionClient = authActionClient.use(async ({ next, ctx }) => {
  const memberships = await listMemberships(ctx.supabase, ctx.user.id)
  const remembered = (await cookies()).get(ACTIVE_PRACTICE_COOKIE)?.value
  const membership = pickActiveMembership(memberships, remembered)
  if (!membership) throw new AppError({ code: 'forbidden', message: 'You are not a member of a practice yet.' })
  return next({ ctx: { practice: membership } })
})
