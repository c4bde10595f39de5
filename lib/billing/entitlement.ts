/**
 * What a practice may do under each Stripe subscription status. The database decides the same for
 * writes (private.practice_is_read_only in the billing migration); an integration test holds the
 * two together for every status.
 */
export const SUBSCRIPTION_STATUSES = [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
] as const
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

export interface Entitlement {
  /** full: read and write; read_only: read, export and delete only. */
  access: 'full' | 'read_only'
  /** What the dashboard says about billing, if anything. */
  banner: 'none' | 'past_due' | 'read_only'
  /** Whether the owner should be emailed that a payment failed. */
  emailOwner: boolean
}

const FULL: Entitlement = { access: 'full', banner: 'none', emailOwner: false }

/** `null`: the practice has never subscribed (it starts on the no-card trial by subscribing). */
export function entitlementFor(status: SubscriptionStatus | null): Entitlement {
  switch (status) {
    case null:
    case 'trialing':
    case 'active':
    case 'incomplete':
      return FULL
    case 'past_due':
      return { access: 'full', banner: 'past_due', emailOwner: true }
    case 'unpaid':
    case 'canceled':
    case 'incomplete_expired':
    case 'paused':
      return { access: 'read_only', banner: 'read_only', emailOwner: false }
  }
}

export const isSubscriptionStatus = (value: string): value is SubscriptionStatus =>
  (SUBSCRIPTION_STATUSES as readonly string[]).includes(value)

/** A subscription the owner manages in the portal rather than replacing through a new checkout. */
export const isLiveSubscription = (status: SubscriptionStatus | null) =>
  status === 'trialing' || status === 'active' || status === 'past_due' || status === 'unpaid' || status === 'incomplete'

export const STATUS_LABELS: Record<SubscriptionStatus, string> = {
  incomplete: 'Awaiting payment',
  incomplete_expired: 'Expired',
  trialing: 'Trial',
  active: 'Active',
  past_due: 'Payment failed',
  canceled: 'Cancelled',
  unpaid: 'Unpaid',
  paused: 'Paused',
}
