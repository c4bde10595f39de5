'use server'
import { revalidatePath } from 'next/cache'
import { withFieldErrors } from '@/lib/server/field-errors'
import { practiceActionClient } from '@/lib/server/action-client'
import { moveJourney, recordBirth, startJourney } from './journey.service'
import { OnCallOverrideSchema } from './on-call-override.schema'
import { saveOnCallOverride } from './on-call-override.service'
import { MoveJourneySchema, RecordBirthSchema, StartJourneySchema } from './journey.schema'

export const recordBirthAction = practiceActionClient.inputSchema(RecordBirthSchema).action(async ({ clientInput, ctx }) => {
  await withFieldErrors(RecordBirthSchema, () => recordBirth(ctx.db, ctx.practice.settings, clientInput))
  revalidatePath('/dashboard', 'layout')
  return { recorded: true }
})

export const startJourneyAction = practiceActionClient.inputSchema(StartJourneySchema).action(async ({ clientInput, ctx }) => {
  const started = await withFieldErrors(StartJourneySchema, () => startJourney(ctx.db, ctx.practice.settings, clientInput))
  revalidatePath('/dashboard', 'layout')
  return started
})

export const moveJourneyAction = practiceActionClient.inputSchema(MoveJourneySchema).action(async ({ parsedInput, ctx }) => {
  await moveJourney(ctx.db, ctx.practice.practiceId, parsedInput)
  revalidatePath('/dashboard', 'layout')
  return { moved: parsedInput.status }
})

/** The journey's own on-call weeks, or back to the practice's. */
export const saveOnCallOverrideAction = practiceActionClient.inputSchema(OnCallOverrideSchema).action(async ({ clientInput, ctx }) => {
  await withFieldErrors(OnCallOverrideSchema, () => saveOnCallOverride(ctx.db, ctx.practice.practiceId, clientInput))
  revalidatePath('/dashboard', 'layout')
  return { saved: true }
})
