'use server'
import { revalidatePath } from 'next/cache'
import { withFieldErrors } from '@/lib/server/field-errors'
import { practiceActionClient } from '@/lib/server/action-client'
import { AppointmentFormSchema, AppointmentIdSchema, ConflictQuerySchema } from './appointment.schema'
import { cancelAppointment, checkConflicts, saveAppointment } from './appointment.service'
import { saveReminderHours } from './reminder-settings'
import { ReminderSettingsSchema } from './reminder-settings.schema'

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

/** How long before each appointment the client and doula are reminded (owners and admins). */
export const saveReminderSettingsAction = practiceActionClient.inputSchema(ReminderSettingsSchema).action(async ({ clientInput, ctx }) => {
  const hoursBefore = await withFieldErrors(ReminderSettingsSchema, () => saveReminderHours(ctx.db, ctx.practice.practiceId, clientInput))
  revalidatePath('/dashboard/settings/reminders')
  return { hoursBefore }
})
