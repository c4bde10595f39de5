import { z } from 'zod'
import { isCalendarDate } from '@/lib/dates/calendar-date'

/** "Send a form" on the client page: one schema for the dialog and the action. */
export const SendFormSchema = z
  .object({
    clientId: z.uuid(),
    templateId: z.uuid('Choose a form to send.'),
    note: z.string().trim().max(2000, 'Please keep the note under 2,000 characters.'),
    dueOn: z
      .string()
      .trim()
      .refine((v) => v === '' || isCalendarDate(v), 'Enter a real date, like 2027-03-14.'),
    fee: z.string().trim().max(100, 'Please keep the fee under 100 characters.'),
    partnerName: z.string().trim().max(200, 'Please keep the name under 200 characters.'),
    partnerEmail: z
      .string()
      .trim()
      .toLowerCase()
      .max(320, 'That email address is too long.')
      .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter an email address, like name@example.com.'),
  })
  .superRefine((v, ctx) => {
    if (v.partnerEmail !== '' && v.partnerName === '') ctx.addIssue({ code: 'custom', path: ['partnerName'], message: 'Add her partner’s name too.' })
    if (v.partnerName !== '' && v.partnerEmail === '') ctx.addIssue({ code: 'custom', path: ['partnerEmail'], message: 'Add the email her partner’s signing link goes to.' })
  })
export type SendFormInput = z.input<typeof SendFormSchema>

export const RequestRefSchema = z.object({ clientId: z.uuid(), requestId: z.uuid() })
