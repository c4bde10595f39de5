'use server'
import { revalidatePath } from 'next/cache'
import { withFieldErrors } from '@/lib/server/field-errors'
import { practiceActionClient } from '@/lib/server/action-client'
import { AppointmentFormSchema, AppointmentIdSchema, ConflictQuerySchema } from './appointment.schema'
import { cancelAppointment, checkConflicts, saveAppointment } from './appointment.service'

export const saveAppointmentAction = practiceActionClient.inputSchema(AppointmentFormSchema).action(async ({ clientInput, ctx }) => {
  const saved = await withFieldErrors(AppointmentFormSchema, () => saveAppointment(ctx.db, ctx.practice.settings, clientInput))
  revalidatePath('/dashboard', 'layout')
  return saved
})

export const cancelAppointmentAction = practiceActionClient.inputSchema(AppointmentIdSchema).action(async ({ clientInput, ctx }) => {
  await cancelAppointment(ctx.db, ctx.practice.practiceId, clientInput)
  revalidatePath('/dashboard', 'layout')
  return { cancelled: true }
})

/** Read-only: the bookings the slot being entered would overlap. */
export const checkConflictsAction = practiceActionClient
  .inputSchema(ConflictQuerySchema)
  .action(async ({ clientInput, ctx }) => checkConflicts(ctx.db, ctx.practice.settings, clientInput))
