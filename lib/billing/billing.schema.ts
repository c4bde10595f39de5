import { z } from 'zod'
import { BILLING_INTERVALS, MAX_TEAM_SEATS, MIN_TEAM_SEATS, PLAN_IDS } from './plans'

/** The plan picker: the server turns it into a price by lookup key. */
export const StartCheckoutSchema = z
  .object({
    plan: z.enum(PLAN_IDS, { error: 'Choose a plan' }),
    interval: z.enum(BILLING_INTERVALS, { error: 'Choose monthly or yearly billing' }),
    seats: z.coerce
      .number({ error: 'Enter how many seats you need' })
      .int('Seats must be a whole number')
      .min(MIN_TEAM_SEATS, `The Team plan starts at ${MIN_TEAM_SEATS} seats`)
      .max(MAX_TEAM_SEATS, `Up to ${MAX_TEAM_SEATS} seats here; write to us for more`)
      .optional(),
  })
  .refine((v) => v.plan !== 'team' || v.seats !== undefined, { path: ['seats'], message: 'Enter how many seats you need' })
export type StartCheckout = z.infer<typeof StartCheckoutSchema>

export const CheckoutReturnSchema = z.object({
  session_id: z.string().regex(/^cs_[A-Za-z0-9_]+$/),
})
