'use server'
import { cookies } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { completeOnboarding } from '@/lib/auth/onboarding'
import { AppError } from '@/lib/errors'
import { authActionClient, practiceActionClient } from '@/lib/safe-action'
import { ACTIVE_PRACTICE_COOKIE, SwitchPracticeSchema } from './practice.schema'
import { listMemberships } from './queries'
import { updatePracticeSettings } from './settings'
import { PracticeSettingsSchema } from './settings.schema'
import { withFieldErrors } from '@/lib/server/field-errors'

/** Remembers which practice the dashboard shows. Another practice's id is `not_found`, not `forbidden`. */
export const switchPracticeAction = authActionClient
  .inputSchema(SwitchPracticeSchema)
  .action(async ({ parsedInput, ctx }) => {
    const memberships = await listMemberships(ctx.supabase, ctx.user.id)
    if (!memberships.some((m) => m.practiceId === parsedInput.practiceId)) {
      throw new AppError({ code: 'not_found', message: 'That practice was not found.' })
    }
    ;(await cookies()).set(ACTIVE_PRACTICE_COOKIE, parsedInput.practiceId, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: process.env.NODE_ENV === 'production',
    })
    revalidatePath('/dashboard', 'layout')
    return { practiceId: parsedInput.practiceId }
  })

/** Finishes setup for a doula whose first sign-in could not create the practice. */
export const finishOnboardingAction = authActionClient.action(async ({ ctx }) => {
  const practiceId = await completeOnboarding(ctx.supabase)
  revalidatePath('/dashboard', 'layout')
  return { practiceId }
})

/** Saves the practice's details; doulas are refused by RLS and see the page read-only. */
export const updatePracticeSettingsAction = practiceActionClient.inputSchema(PracticeSettingsSchema).action(async ({ clientInput, ctx }) => {
  const saved = await withFieldErrors(PracticeSettingsSchema, () => updatePracticeSettings(ctx.supabase, ctx.practice.practiceId, clientInput))
  revalidatePath('/dashboard', 'layout')
  return { name: saved.name, slug: saved.slug }
})
