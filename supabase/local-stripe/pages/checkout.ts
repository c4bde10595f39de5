import { checkCard } from '../cards.ts'
import { completeCheckout, expireIfDue, needsCard, setupOf } from '../checkout.ts'
import type { Ctx, Obj } from '../context.ts'
import { cardFields, date, esc, every, field, money, page, top, type FieldErrors } from './layout.ts'

function summary(ctx: Ctx, session: Obj) {
  const setup = setupOf(ctx, session)
  const lines = setup.lineItems.map((li) => {
    const price = ctx.store.get(li.price, 'price')
    const product = ctx.store.find(String(price.product))
    return { name: String(product?.name ?? price.id), quantity: li.quantity, unit: Number(price.unit_amount), currency: String(price.currency), recurring: price.recurring as { interval: string; interval_count: number } }
  })
  const first = lines[0]!
  const total = lines.reduce((sum, l) => sum + l.unit * l.quantity, 0)
  const trialEnd = setup.trialDays ? ctx.clock.now() + setup.trialDays * 86400 : null
  const title = lines.length === 1 ? `Subscribe to ${first.name}` : 'Subscribe'
  const rows = lines
    .map((l) => `<tr><td>${esc(l.name)}${l.quantity > 1 ? ` × ${l.quantity}` : ''}<br><span class="muted">${esc(money(l.unit, l.currency))} ${esc(every(l.recurring))}${l.quantity > 1 ? ' each' : ''}</span></td><td class="num">${esc(money(l.unit * l.quantity, l.currency))}</td></tr>`)
    .join('')
  return {
    title,
    trialEnd,
    html: `<h1>${esc(title)}</h1>
${trialEnd ? `<p class="price" data-test="checkout-price">${esc(setup.trialDays)} days free</p><p class="muted">Then ${esc(money(total, first.currency))} ${esc(every(first.recurring))} starting ${esc(date(trialEnd))}.</p>` : `<p class="price" data-test="checkout-price">${esc(money(total, first.currency))} <span>${esc(every(first.recurring))}</span></p>`}
<table><caption class="muted" style="text-align:left">Order summary</caption><thead><tr><th scope="col">Item</th><th scope="col" class="num">Amount</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr><th scope="row">Total due today</th><td class="num" data-test="checkout-total">${esc(money(trialEnd ? 0 : total, first.currency))}</td></tr></tfoot></table>`,
  }
}

/** The hosted checkout page: what she is buying on one side, the payment form on the other. */
export function checkoutPage(ctx: Ctx, session: Obj, values: Record<string, string> = {}, errors: FieldErrors = {}): { status: number; html: string } {
  expireIfDue(ctx, session)
  if (session.status !== 'open') {
    const done = session.status === 'complete'
    const back = done ? String(session.success_url).replaceAll('{CHECKOUT_SESSION_ID}', session.id) : (session.cancel_url as string | null)
    return {
      status: done ? 200 : 410,
      html: page(done ? 'Checkout complete' : 'Checkout expired', `${top('DoulaOS')}<div class="card"><h1>${done ? 'This checkout is complete' : 'This checkout session has expired'}</h1><p class="muted">${done ? 'Your subscription has started.' : 'Start again from the app to get a new checkout page.'}</p>${back ? `<p><a href="${esc(back)}">Return to DoulaOS</a></p>` : ''}</div>`),
    }
  }
  const s = summary(ctx, session)
  const cardRequired = needsCard(ctx, session)
  const knownEmail = typeof session.customer === 'string' ? (ctx.store.find(session.customer)?.email as string | null) : (session.customer_email as string | null)
  const errorList = Object.values(errors).filter(Boolean)
  const form = `<form method="post" action="/c/pay/${esc(session.id)}" data-test="checkout-form">
${errorList.length ? `<div class="alert" role="alert" data-test="checkout-error"><p style="margin:0">${errors.form ? esc(errors.form) : 'Please check the highlighted fields.'}</p></div>` : ''}
${knownEmail ? `<p><span class="muted">Email</span><br><strong data-test="checkout-known-email">${esc(knownEmail)}</strong></p>` : field({ name: 'email', label: 'Email', type: 'email', value: values.email, autocomplete: 'email', required: true, errors, test: 'checkout-email' })}
<fieldset><legend>${cardRequired ? 'Card information' : 'Card information (optional during the trial)'}</legend>
${cardRequired ? '' : `<p class="hint">Add a card now or later from billing settings. Without one, the subscription needs a card when the trial ends.</p>`}
${cardFields(values, errors, cardRequired)}</fieldset>
<button class="button primary" type="submit" data-test="checkout-submit">${s.trialEnd ? 'Start trial' : 'Subscribe'}</button>
</form>
${session.cancel_url ? `<p><a href="${esc(session.cancel_url)}" data-test="checkout-cancel">Cancel and return to DoulaOS</a></p>` : ''}`
  return {
    status: errorList.length ? 400 : 200,
    html: page(`${s.title} · Checkout`, `${top('DoulaOS')}<div class="grid"><section class="card" aria-label="Order summary">${s.html}</section><section class="card" aria-labelledby="pay-heading"><h2 id="pay-heading">Pay with card</h2>${form}</section></div>`),
  }
}

/** The form's POST: completes the session and redirects, or shows the page again with what to fix. */
export function submitCheckout(ctx: Ctx, session: Obj, form: URLSearchParams): { redirect: string } | { status: number; html: string } {
  const values = Object.fromEntries(['email', 'number', 'expiry', 'cvc', 'cardholder'].map((k) => [k, form.get(k) ?? '']))
  const anyCard = Boolean(values.number || values.expiry || values.cvc)
  const card = anyCard || needsCard(ctx, session) ? checkCard({ number: values.number!, expiry: values.expiry!, cvc: values.cvc! }, ctx.clock.now()) : undefined
  const result = completeCheckout(ctx, session, { email: values.email, name: values.cardholder, card })
  if (result.ok) return { redirect: result.redirect }
  return checkoutPage(ctx, session, values, { [result.field]: result.message })
}
