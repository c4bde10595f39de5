import 'server-only'
import { createMiddleware, createSafeActionClient } from 'next-safe-action'
import { AppError, userFacingMessage } from '@/lib/errors'
import { reportServerError } from '@/lib/monitoring/server'
import type { PracticeRole } from '@/lib/practice/practice.schema'
import { createClient } from '@/lib/supabase/server'
import { ACTIVE_PRACTICE_COOKIE, readChoice } from './cookies'
import { actorOf, assertRole, listMemberships, pickActiveMembership, type Membership, type PracticeActor } from './membership'
import { portalClientContext } from './portal-context'
import { requireUser } from './session'

/**
 * The one action client. Unexpected errors are logged with their detail and reach the user only as
 * a generic message; AppError messages are written for users and pass through.
 */
export const actionClient = createSafeActionClient({
  handleServerError(error) {
    if (!(error instanceof AppError) || error.code === 'internal') {
      console.error('[action]', error)
      reportServerError(error, 'action')
    }
    return userFacingMessage(error)
  },
})

/** Adds the verified user and her Supabase client (`db`: every query runs under her RLS). */
export const authActionClient = actionClient.use(async ({ next }) => {
  const user = await requireUser()
  const db = await createClient()
  return next({ ctx: { user, db } })
})

/**
 * Adds the practice she is working in (`practice`) and who she is in it (`actor`); a non-member
 * never gets this far. Every dashboard action starts here.
 */
export const practiceActionClient = authActionClient.use(async ({ next, ctx }) => {
  const [memberships, remembered] = await Promise.all([listMemberships(ctx.db, ctx.user.id), readChoice(ACTIVE_PRACTICE_COOKIE)])
  const practice = pickActiveMembership(memberships, remembered)
  if (!practice) throw new AppError({ code: 'forbidden', message: 'You are not a member of a practice yet.' })
  return next({ ctx: { practice, actor: actorOf(ctx.user, practice) } })
})

/**
 * Refuses a member without one of `roles` before the action runs:
 * `practiceActionClient.use(requireRole(['owner']))`. RLS stays the guard; this makes the refusal a
 * clear `forbidden` instead of a write that silently changes nothing.
 */
export const requireRole = (roles: readonly PracticeRole[], message?: string) =>
  createMiddleware<{ ctx: { practice: Membership; actor: PracticeActor } }>().define(async ({ ctx, next }) => {
    assertRole(ctx.practice, roles, message)
    return next()
  })

/** Adds her client records and the one she is acting on (`active`). Every portal action starts here. */
export const portalActionClient = actionClient.use(async ({ next }) => {
  const context = await portalClientContext()
  if (!context) throw new AppError({ code: 'unauthorized', message: 'Please sign in to continue.' })
  const { user, db, records, active } = context
  if (!active) throw new AppError({ code: 'forbidden', message: 'You no longer have access to this portal.' })
  return next({ ctx: { user, db, records, active } })
})
