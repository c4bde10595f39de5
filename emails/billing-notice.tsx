import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

/** The billing notices the privacy policy promises the owner: trial ending, payment trouble, cancellation. */
export const BILLING_NOTICES = [
  'billing-trial-ending',
  'billing-payment-failed',
  'billing-payment-action',
  'billing-cancelled',
  'billing-erasure-soon',
] as const
export type BillingNoticeKind = (typeof BILLING_NOTICES)[number]

export interface BillingNoticeEmailProps {
  kind: BillingNoticeKind
  /** The billing page. */
  link: string
  /** Already formatted: the trial's end, the next payment attempt, the day the subscription ended, or the erasure day. */
  date: string | null
  /** Already formatted: the day the practice's data is destroyed unless she resubscribes (cancellation only). */
  eraseOn?: string | null
}

export const billingNoticeSubjects: Record<BillingNoticeKind, string> = {
  'billing-trial-ending': 'Your DoulaOS trial ends soon',
  'billing-payment-failed': 'Your DoulaOS payment did not go through',
  'billing-payment-action': 'Confirm your DoulaOS payment',
  'billing-cancelled': 'Your DoulaOS subscription has ended',
  'billing-erasure-soon': 'Your DoulaOS practice will soon be deleted',
}

function body(kind: BillingNoticeKind, date: string | null, eraseOn: string | null): { heading: string; text: string; button: string } {
  switch (kind) {
    case 'billing-trial-ending':
      return {
        heading: 'Your trial ends soon',
        text: `Your free trial ends ${date ? `on ${date}` : 'in a few days'}. Add a card on the billing page to keep your practice running without a break; without one, the subscription ends with the trial and your practice becomes read-only.`,
        button: 'Add a card',
      }
    case 'billing-payment-failed':
      return {
        heading: 'Your payment did not go through',
        text: `We could not charge your card for DoulaOS. Everything keeps working for now${date ? `; we will try again on ${date}` : ''}. Update your card on the billing page so nothing is interrupted.`,
        button: 'Update your card',
      }
    case 'billing-payment-action':
      return {
        heading: 'Your bank asks you to confirm a payment',
        text: 'Your bank needs you to confirm the payment for DoulaOS before it goes through. Open the billing page to confirm it.',
        button: 'Confirm the payment',
      }
    case 'billing-cancelled':
      return {
        heading: 'Your subscription has ended',
        text: `Your DoulaOS subscription ended${date ? ` on ${date}` : ''}. Your practice is now read-only: everyone can still read, export and delete, but nothing new can be added or changed.${eraseOn ? ` Unless you resubscribe, your practice and all its data will be permanently deleted on ${eraseOn}.` : ''} Resubscribe on the billing page to keep working and keep everything.`,
        button: 'Resubscribe',
      }
    case 'billing-erasure-soon':
      return {
        heading: 'Your practice will soon be deleted',
        text: `Your DoulaOS subscription has ended, and your practice and all its data will be permanently deleted${date ? ` on ${date}` : ' soon'}, with a receipt sent to you. Export anything you want to keep, or resubscribe on the billing page to keep everything.`,
        button: 'Resubscribe',
      }
  }
}

export function BillingNoticeEmail({ kind, link, date, eraseOn = null }: BillingNoticeEmailProps) {
  const { heading, text, button } = body(kind, date, eraseOn)
  return (
    <EmailLayout preview={billingNoticeSubjects[kind]}>
      <Heading as="h1" style={headingStyle}>
        {heading}
      </Heading>
      <Text style={textStyle}>{text}</Text>
      <Button href={link} style={buttonStyle}>
        {button}
      </Button>
      <Text style={smallStyle}>
        If the button does not work, copy this address into your browser: <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  )
}

BillingNoticeEmail.PreviewProps = {
  kind: 'billing-payment-failed',
  link: 'http://127.0.0.1:3000/dashboard/settings/billing',
  date: 'December 19, 2026',
} satisfies BillingNoticeEmailProps
