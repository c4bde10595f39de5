import { AppError } from '@/lib/errors'

interface PgError {
  code?: string
  hint?: string | null
  message?: string
}

export const READ_ONLY_REASON = 'This practice is read-only because its subscription has ended. You can still read, export and delete.'

export const READ_ONLY_MESSAGE = `${READ_ONLY_REASON} The owner can resubscribe in Settings → Billing.`

/** The database's refusal of a write beyond the plan's seats (hint seat_limit). */
export const isSeatLimit = (error: PgError | null | undefined): boolean => error?.code === '23514' && error.hint === 'seat_limit'

/** The database's refusal of a write to a practice whose subscription ended (hint billing_read_only). */
export const isReadOnlyRefusal = (error: PgError | null | undefined): boolean =>
  error?.code === '42501' && error.hint === 'billing_read_only'

export function seatLimitMessage(error: PgError): string {
  const seats = /(\d+) seat/.exec(error.message ?? '')?.[1]
  const plan = seats ? `Your plan has ${seats} ${seats === '1' ? 'seat' : 'seats'}, and every one is taken` : 'Every seat of your plan is taken'
  return `${plan} by a member or a pending invitation. Add seats in Settings → Billing, or revoke a pending invitation.`
}

/** A billing refusal from the database as a message for the person, or null for any other error. */
export function billingRefusal(error: PgError | null | undefined): AppError | null {
  if (isReadOnlyRefusal(error)) return new AppError({ code: 'forbidden', message: READ_ONLY_MESSAGE })
  if (error && isSeatLimit(error)) return new AppError({ code: 'conflict', message: seatLimitMessage(error) })
  return null
}
