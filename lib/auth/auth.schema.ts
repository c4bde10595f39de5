import { z } from 'zod'

const email = z
  .string()
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address, like you@example.com.'))
  .transform((value) => value.toLowerCase())

export const LoginSchema = z.object({
  email,
  next: z.string().max(2048).optional(),
})
export type Login = z.input<typeof LoginSchema>

export const SignupSchema = z.object({
  fullName: z.string().trim().min(1, 'Enter your name.').max(120, 'Please shorten your name to 120 characters.'),
  practiceName: z
    .string()
    .trim()
    .min(1, 'Enter the name of your practice.')
    .max(120, 'Please shorten the practice name to 120 characters.'),
  email,
})
export type Signup = z.input<typeof SignupSchema>

/** The email link types /auth/confirm accepts (what verifyOtp understands for email links). */
export const EmailOtpTypeSchema = z.enum(['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email'])
export type EmailOtpType = z.infer<typeof EmailOtpTypeSchema>
