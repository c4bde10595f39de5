'use server'
import { revalidatePath } from 'next/cache'
import { sendEmail } from '@/lib/email/send'
import { serverEnv } from '@/lib/env'
import type { Db } from '@/lib/server/db'
import { withFieldErrors } from '@/lib/server/field-errors'
import { authActionClient, practiceActionClient } from '@/lib/server/action-client'
import { ACTIVE_PRACTICE_COOKIE, rememberChoice } from '@/lib/server/cookies'
import { createAdminClient } from '@/lib/supabase/admin'
import { acceptInvitation, isInvitationRefused } from './accept'
import { assignDoulas } from './assign'
import { inviteMember, resendInvitation, revokeInvitation, type InviteDeps } from './invitations'
import { changeMemberRole, removeMember } from './members'
import {
  AcceptInvitationSchema,
  AssignDoulasSchema,
  ChangeRoleSchema,
  InvitationTargetSchema,
  InviteSchema,
  RemoveMemberSchema,
  type InvitationRefusal,
} from './team.schema'

const inviteDeps = (db: Db): InviteDeps => ({
  db,
  admin: createAdminClient(),
  deliver: sendEmail,
  siteUrl: serverEnv().NEXT_PUBLIC_SITE_URL,
})

const TEAM_PATH = '/dashboard/team'

export const inviteMemberAction = practiceActionClient.inputSchema(InviteSchema).action(async ({ parsedInput, ctx }) => {
  const result = await withFieldErrors(InviteSchema, () => inviteMember(inviteDeps(ctx.db), ctx.actor, parsedInput))
  revalidatePath(TEAM_PATH)
  return result
})

export const resendInvitationAction = practiceActionClient.inputSchema(InvitationTargetSchema).action(async ({ parsedInput, ctx }) => {
  const result = await resendInvitation(inviteDeps(ctx.db), ctx.actor, parsedInput.invitationId)
  revalidatePath(TEAM_PATH)
  return result
})

export const revokeInvitationAction = practiceActionClient.inputSchema(InvitationTargetSchema).action(async ({ parsedInput, ctx }) => {
  await revokeInvitation(ctx.db, ctx.actor, parsedInput.invitationId)
  revalidatePath(TEAM_PATH)
  return { revoked: true }
})

export const changeRoleAction = practiceActionClient.inputSchema(ChangeRoleSchema).action(async ({ parsedInput, ctx }) => {
  await changeMemberRole(ctx.db, ctx.actor, parsedInput.userId, parsedInput.role)
  revalidatePath('/dashboard', 'layout')
  return { role: parsedInput.role }
})

export const removeMemberAction = practiceActionClient.inputSchema(RemoveMemberSchema).action(async ({ parsedInput, ctx }) => {
  await removeMember(ctx.db, ctx.actor, parsedInput.userId)
  revalidatePath('/dashboard', 'layout')
  return { removed: true }
})

export const assignDoulasAction = practiceActionClient.inputSchema(AssignDoulasSchema).action(async ({ parsedInput, ctx }) => {
  await withFieldErrors(AssignDoulasSchema, () => assignDoulas(ctx.db, ctx.practice.practiceId, parsedInput))
  revalidatePath('/dashboard', 'layout')
  return { assigned: true }
})

/**
 * Accepts as the signed-in user (not a member yet, so no practice context) and makes the new
 * practice the active one. Refusals come back as data so the page can say what to do.
 */
export const acceptInvitationAction = authActionClient
  .inputSchema(AcceptInvitationSchema)
  .action(async ({ parsedInput, ctx }): Promise<{ practiceId: string } | { refused: InvitationRefusal }> => {
    let practiceId: string
    try {
      practiceId = await acceptInvitation(ctx.db, parsedInput.token)
    } catch (error) {
      if (isInvitationRefused(error)) return { refused: error.reason }
      throw error
    }
    await rememberChoice(ACTIVE_PRACTICE_COOKIE, practiceId)
    revalidatePath('/dashboard', 'layout')
    return { practiceId }
  })
