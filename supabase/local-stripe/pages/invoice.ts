import { payInvoice, recoverAfterPayment } from '../billing.ts'
import { checkCard } from '../cards.ts'
import type { Ctx, Obj } from '../context.ts'
import { emit } from '../events.ts'
import { newPaymentMethod } from '../objects.ts'
import { cardFields, date, esc, money, page, top, type FieldErrors } from './layout.ts'

/** The hosted invoice page (`hosted_invoice_url`): the invoice, and a card form while it is unpaid. */
export function invoicePage(ctx: Ctx, invoice: Obj, values: Record<string, string> = {}, errors: FieldErrors = {}): { status: number; html: string } {
  const currency = String(invoice.currency)
  const open = invoice.status === 'open'
  const lines = (invoice.lines as { data: Obj[] }).data
  const lastError = ctx.store.state.internal[invoice.id]?.lastError
  const rows = lines.map((l) => `<tr><td>${esc(l.description)}<br><span class="muted">${esc(date(Number((l.period as { start: number }).start)))} – ${esc(date(Number((l.period as { end: number }).end)))}</span></td><td class="num">${esc(money(Number(l.amount), currency))}</td></tr>`).join('')
  const body = `<div class="${open ? '' : 'single'}">${top('DoulaOS')}
<div class="${open ? 'grid' : ''}"><section class="card" aria-labelledby="invoice-heading"><h1 id="invoice-heading">Invoice ${esc(invoice.number)}</h1>
<p class="price" data-test="invoice-amount">${esc(money(Number(open ? invoice.amount_remaining : invoice.total), currency))}</p>
<p><span class="badge status ${open ? 'warn' : 'ok'}" data-test="invoice-status">${open ? 'Due' : esc(String(invoice.status).replace(/^./, (c) => c.toUpperCase()))}</span></p>
<p class="muted">Issued ${esc(date(Number(invoice.created)))} to ${esc(invoice.customer_email ?? invoice.customer_name ?? invoice.customer)}${typeof (invoice.status_transitions as { paid_at: number | null }).paid_at === 'number' ? `; paid ${esc(date((invoice.status_transitions as { paid_at: number }).paid_at))}` : ''}.</p>
<table><thead><tr><th scope="col">Description</th><th scope="col" class="num">Amount</th></tr></thead><tbody>${rows}</tbody><tfoot><tr><th scope="row">Total</th><td class="num">${esc(money(Number(invoice.total), currency))}</td></tr></tfoot></table></section>
${open ? `<section class="card" aria-labelledby="pay-heading"><h2 id="pay-heading">Pay this invoice</h2>${lastError && !Object.keys(errors).length ? `<div class="alert" role="status">The last attempt failed: ${esc(lastError)}</div>` : ''}
${Object.keys(errors).length ? `<div class="alert" role="alert" data-test="invoice-error">${esc(Object.values(errors)[0])}</div>` : ''}
<form method="post" action="/i/${esc(invoice.id)}/pay"><fieldset><legend>Card information</legend>${cardFields(values, errors, true)}</fieldset><button class="button primary" type="submit" data-test="invoice-pay">Pay ${esc(money(Number(invoice.amount_remaining), currency))}</button></form></section>` : ''}</div></div>`
  return { status: Object.keys(errors).length ? 400 : 200, html: page(`Invoice ${String(invoice.number)}`, body) }
}

/** Paying from the hosted page: the card is saved to the customer, charged on-session, and the subscription recovers. */
export function payFromPage(ctx: Ctx, invoice: Obj, form: URLSearchParams): { redirect: string } | { status: number; html: string } {
  const values = Object.fromEntries(['number', 'expiry', 'cvc', 'cardholder'].map((k) => [k, form.get(k) ?? '']))
  if (invoice.status !== 'open') return { redirect: `/i/${invoice.id}` }
  const check = checkCard({ number: values.number!, expiry: values.expiry!, cvc: values.cvc! }, ctx.clock.now())
  if (!check.ok) return invoicePage(ctx, invoice, values, { [check.field]: check.message })
  if (check.card.behaviour === 'declined') return invoicePage(ctx, invoice, values, { number: 'Your card was declined.' })
  const pm = ctx.store.insert(newPaymentMethod(ctx, String(invoice.customer), check, values.cardholder?.trim() || null, (invoice.customer_email as string | null) ?? null))
  emit(ctx, 'payment_method.attached', pm)
  const result = payInvoice(ctx, invoice, { paymentMethod: pm.id, onSession: true })
  if (result.outcome !== 'paid') return invoicePage(ctx, invoice, values, { number: result.message })
  recoverAfterPayment(ctx, invoice)
  return { redirect: `/i/${invoice.id}` }
}
