import { z } from 'zod'

/** The contact details she may change herself (the database's guard_portal_columns list). */
export const ContactDetailsSchema = z.object({
  preferredName: z.string().trim().max(100, 'Keep it under 100 characters.'),
  pronouns: z.string().trim().max(40, 'Keep it under 40 characters.'),
  phone: z
    .string()
    .trim()
    .max(40, 'That phone number is too long.')
    .regex(/^[0-9+()\-.\s]*$/, 'Use digits, spaces and + ( ) - only.'),
})
export type ContactDetails = z.infer<typeof ContactDetailsSchema>

/** Whether she wants appointment reminders by email. */
export const ReminderPreferenceSchema = z.object({ appointmentReminders: z.boolean() })
export type ReminderPreference = z.infer<typeof ReminderPreferenceSchema>
