'use server'
import { revalidatePath } from 'next/cache'
import { completeOnboarding } from '@/lib/auth/onboarding'
import { AppError } from '@/lib/errors'
import { authActionClient, practiceActionClient } from '@/lib/server/action-client'
import { ACTIVE_PRACTICE_COOKIE, rememberChoice } from '@/lib/server/cookies'
import { listMemberships } from '@/lib/server/membership'
import { SwitchPracticeSchema } from './practice.schema'
import { updatePracticeSettings } from './settings'
import { PracticeSettingsSchema } from './settings.schema'
import { withFieldErrors } from '@/lib/server/field-errors'

/** Remembers which practice the dashboard shows. Another practice's id is `not_found`, not `forbidden`. */
export const switchPracticeAction = authActionClient
  .inputSchema(SwitchPracticeSchema)
  .action(async ({ parsedInput, ctx }) => {
    const memberships = await listMemberships(ctx.db, ctx.user.id)
    if (!memberships.some((m) => m.practiceId === parsedInput.practiceId)) {
      throw new AppError({ code: 'not_found', message: 'That practice was not found.' })
    }
    await rememberChoice(ACTIVE_PRACTICE_COOKIE, parsedInput.practiceId)
    revalidatePath('/dashboard', 'layout')
    return { practiceId: parsedInput.practiceId }
  })

/** Finishes setup for a doula whose first sign-in could not create the practice. */
export const finishOnboardingAction = authActionClient.action(async ({ ctx }) => {
  const practiceId = await completeOnboarding(ctx.db)
  revalidatePath('/dashboard', 'layout')
  return { practiceId }
})

/** Saves the practice's details; doulas are refused by RLS and see the page read-only. */
export const updatePracticeSettingsAction = practiceActionClient.inputSchema(PracticeSettingsSchema).action(async ({ clientInput, ctx }) => {
  const saved = await withFieldErrors(PracticeSettingsSchema, () => updatePracticeSettings(ctx.db, ctx.practice.practiceId, clientInput))
  revalidatePath('/dashboard', 'layout')
  return { name: saved.name, slug: saved.slug }
})
