import { z } from 'zod'

export const AccountNameSchema = z.object({
  fullName: z.string().trim().min(1, 'Enter your name.').max(120, 'Please shorten your name to 120 characters.'),
})
export type AccountName = z.input<typeof AccountNameSchema>

export const EmailChangeSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your new email address.')
    .max(254, 'That email address is too long.')
    .pipe(z.email('Enter a valid email address, like you@example.com.'))
    .transform((value) => value.toLowerCase()),
})
export type EmailChange = z.input<typeof EmailChangeSchema>
