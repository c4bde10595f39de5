'use server'
import { revalidatePath } from 'next/cache'
import { withFieldErrors } from '@/lib/practice/with-field-errors'
import { practiceActionClient } from '@/lib/safe-action'
import { recordBirth, startJourney } from './journey.service'
import { RecordBirthSchema, StartJourneySchema } from './journey.schema'

export const recordBirthAction = practiceActionClient.inputSchema(RecordBirthSchema).action(async ({ clientInput, ctx }) => {
  await withFieldErrors(RecordBirthSchema, () => recordBirth(ctx.supabase, ctx.practice.practiceId, clientInput))
  revalidatePath('/dashboard', 'layout')
  return { recorded: true }
})

export const startJourneyAction = practiceActionClient.inputSchema(StartJourneySchema).action(async ({ clientInput, ctx }) => {
  const started = await withFieldErrors(StartJourneySchema, () => startJourney(ctx.supabase, ctx.practice.practiceId, clientInput))
  revalidatePath('/dashboard', 'layout')
  return started
})
