import type { Stripe } from '../stripe'
import { BILLING_PATH, idOf, isoDate, type BillingEffect, type BillingNotice } from './billing-effect'

const invoiceOf = (event: Stripe.Event) => event.data.object as Stripe.Invoice

/** Since API version 2025-03-31 an invoice names its subscription under parent.subscription_details. */
function invoiceEffect(event: Stripe.Event, notice: BillingNotice | null): BillingEffect {
  const invoice = invoiceOf(event)
  return {
    customerId: idOf(invoice.customer),
    subscriptionId: idOf(invoice.parent?.subscription_details?.subscription),
    notice,
  }
}

/** invoice.paid: a renewal or a retried payment went through (the subscription is active again). */
export const invoicePaid = (event: Stripe.Event) => invoiceEffect(event, null)

/** invoice.payment_failed: the subscription is past due; the owner is told and asked to update her card. */
export const invoicePaymentFailed = (event: Stripe.Event) =>
  invoiceEffect(event, {
    template: 'billing-payment-failed',
    payload: { path: BILLING_PATH, date: isoDate(invoiceOf(event).next_payment_attempt) },
  })

/** invoice.payment_action_required: her bank wants her to confirm the payment. */
export const invoicePaymentActionRequired = (event: Stripe.Event) =>
  invoiceEffect(event, { template: 'billing-payment-action', payload: { path: BILLING_PATH } })
