import { randomBytes } from 'node:crypto'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Random base62 characters, as Stripe's ids use after the prefix. */
export function randomChars(length: number): string {
  const bytes = randomBytes(length)
  let out = ''
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length]
  return out
}

/**
 * An id with Stripe's prefix (`cus_`, `sub_`, `si_`, `price_`, `prod_`, `in_`, `evt_`, `we_`, `pm_`,
 * `bps_`, `li_`) and 24 random characters. Checkout sessions are `cs_test_` and longer, because the
 * id is the only secret in the hosted page's URL, as it is at Stripe.
 */
export function newId(prefix: string): string {
  if (prefix === 'cs') return `cs_test_${randomChars(58)}`
  return `${prefix}_${randomChars(24)}`
}
