/**
 * Stripe's test cards that the stand-in knows (docs.stripe.com/testing), and what each one does.
 * Any other number is refused, as Stripe test mode refuses real card numbers.
 */
export type CardBehaviour = 'succeeds' | 'declined' | 'fails_on_charge' | 'requires_action'

interface TestCard {
  brand: string
  behaviour: CardBehaviour
  declineCode?: string
}

export const TEST_CARDS: Record<string, TestCard> = {
  '4242424242424242': { brand: 'visa', behaviour: 'succeeds' },
  '5555555555554444': { brand: 'mastercard', behaviour: 'succeeds' },
  // "Attaching this card to a Customer object succeeds, but attempts to charge the customer fail."
  '4000000000000341': { brand: 'visa', behaviour: 'fails_on_charge', declineCode: 'generic_decline' },
  '4000000000009995': { brand: 'visa', behaviour: 'fails_on_charge', declineCode: 'insufficient_funds' },
  '4000000000000002': { brand: 'visa', behaviour: 'declined', declineCode: 'generic_decline' },
  // Requires authentication on every payment, so an off-session renewal needs the customer.
  '4000002760003184': { brand: 'visa', behaviour: 'requires_action' },
}

export const DECLINE_MESSAGES: Record<string, string> = {
  generic_decline: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
}

function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

export interface CardInput {
  number: string
  expiry: string
  cvc: string
}

export type CardCheck =
  | { ok: true; number: string; brand: string; last4: string; exp_month: number; exp_year: number; card: TestCard }
  | { ok: false; field: 'number' | 'expiry' | 'cvc'; message: string }

/** Checks what a person typed in a card form, with the messages Stripe's card element shows. */
export function checkCard(input: CardInput, nowSeconds: number): CardCheck {
  const number = input.number.replace(/[\s-]/g, '')
  if (!/^\d{12,19}$/.test(number) || !luhn(number)) return { ok: false, field: 'number', message: 'Your card number is incorrect.' }
  const card = TEST_CARDS[number]
  if (!card) {
    return { ok: false, field: 'number', message: 'Your card was declined. This is a test page: use a test card such as 4242 4242 4242 4242.' }
  }
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input.expiry)
  if (!m) return { ok: false, field: 'expiry', message: "Your card's expiration date is incomplete." }
  const month = Number(m[1])
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2])
  const now = new Date(nowSeconds * 1000)
  if (month < 1 || month > 12) return { ok: false, field: 'expiry', message: "Your card's expiration month is invalid." }
  if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) {
    return { ok: false, field: 'expiry', message: "Your card's expiration date is in the past." }
  }
  if (!/^\d{3,4}$/.test(input.cvc.trim())) return { ok: false, field: 'cvc', message: "Your card's security code is incomplete." }
  return { ok: true, number, brand: card.brand, last4: number.slice(-4), exp_month: month, exp_year: year, card }
}
