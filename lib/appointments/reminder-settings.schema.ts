import { z } from 'zod'

/** How long before an appointment the reminders go out (the practices.appointment_reminder_hours check). */
export const ReminderSettingsSchema = z.object({
  hoursBefore: z.coerce
    .number<string | number>('Enter a number of hours.')
    .int('Enter a whole number of hours.')
    .min(1, 'Enter a number of hours from 1 to 168.')
    .max(168, 'Enter a number of hours from 1 to 168.'),
})
export type ReminderSettingsInput = z.input<typeof ReminderSettingsSchema>
