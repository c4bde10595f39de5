import { itemsOf, payInvoice, periodOf, recoverAfterPayment } from '../billing.ts'
import { checkCard } from '../cards.ts'
import type { Ctx, Obj } from '../context.ts'
import { emit, updateWithEvent } from '../events.ts'
import { newPaymentMethod } from '../objects.ts'
import { cardFields, date, esc, every, money, page, shortDate, top, type FieldErrors } from './layout.ts'

const STATUS_TEXT: Record<string, [string, string]> = {
  trialing: ['Trial', 'ok'],
  active: ['Active', 'ok'],
  past_due: ['Past due', 'warn'],
  unpaid: ['Unpaid', 'warn'],
  canceled: ['Canceled', ''],
  paused: ['Paused', 'warn'],
  incomplete: ['Incomplete', 'warn'],
  incomplete_expired: ['Expired', ''],
}

const DONE: Record<string, string> = {
  plan: 'Your plan was updated.',
  card: 'Your card was updated.',
  cancel: 'Your subscription will be canceled at the end of the period.',
  resume: 'Your subscription will continue.',
}

/** The customer's subscriptions, newest first, that the portal shows: every live one, else the latest ended one. */
export function portalSubscriptions(ctx: Ctx, customer: string): Obj[] {
  const subs = ctx.store.all('subscription').filter((s) => s.customer === customer)
  const live = subs.filter((s) => s.status !== 'canceled' && s.status !== 'incomplete_expired')
  return live.length ? live : subs.slice(0, 1)
}

/** Prices a plan can change to: active, recurring, same currency, of an active product. */
function planChoices(ctx: Ctx, currency: string) {
  return ctx.store
    .all('price')
    .filter((p) => p.active === true && p.recurring && p.currency === currency && ctx.store.find(String(p.product))?.active === true)
    .map((p) => ({ price: p, product: ctx.store.find(String(p.product))! }))
    .sort((a, b) => String(a.product.name).localeCompare(String(b.product.name)) || Number(a.price.unit_amount) - Number(b.price.unit_amount))
}

function subscriptionSection(ctx: Ctx, base: string, sub: Obj, errors: FieldErrors) {
  const item = itemsOf(sub)[0]!
  const price = ctx.store.get(item.price, 'price')
  const product = ctx.store.find(String(price.product))
  const [label, tone] = STATUS_TEXT[String(sub.status)] ?? [String(sub.status), '']
  const ended = sub.status === 'canceled' || sub.status === 'incomplete_expired'
  const period = periodOf(sub)
  const amount = itemsOf(sub).reduce((sum, it) => sum + Number(ctx.store.get(it.price, 'price').unit_amount) * it.quantity, 0)
  const latest = typeof sub.latest_invoice === 'string' ? ctx.store.find(sub.latest_invoice) : undefined
  const facts: string[] = []
  if (sub.status === 'trialing' && typeof sub.trial_end === 'number') facts.push(`Trial ends ${date(sub.trial_end)}.`)
  if (!ended && sub.cancel_at_period_end !== true && typeof sub.cancel_at !== 'number') facts.push(`Next invoice ${money(amount, String(sub.currency))} on ${date(period.end)}.`)
  if (!ended && typeof sub.cancel_at === 'number') facts.push(`Cancels on ${date(sub.cancel_at)}.`)
  if (ended && typeof sub.ended_at === 'number') facts.push(`Ended on ${date(sub.ended_at)}.`)
  const owed = latest && latest.status === 'open' && ['past_due', 'unpaid'].includes(String(sub.status))
  const choices = planChoices(ctx, String(sub.currency))
  const planForm = ended
    ? ''
    : `<form method="post" action="${base}/plan" data-test="portal-plan-form"><fieldset><legend>Change plan</legend><div class="options">${choices
        .map(
          ({ price: p, product: prod }) =>
            `<label class="option"><input type="radio" name="price" value="${esc(p.id)}"${p.id === price.id ? ' checked' : ''} data-test="portal-price-${esc(p.lookup_key ?? p.id)}"><span><strong>${esc(prod.name)}</strong><br><span class="muted">${esc(money(Number(p.unit_amount), String(p.currency)))} ${esc(every(p.recurring as { interval: string; interval_count: number }))}${p.nickname ? ` · ${esc(p.nickname)}` : ''}</span></span></label>`,
        )
        .join('')}</div></fieldset>
<label for="quantity">Seats</label><input id="quantity" name="quantity" type="number" min="1" max="999" value="${esc(item.quantity)}" required data-test="portal-quantity"${errors.quantity ? ' aria-invalid="true" aria-describedby="quantity-error"' : ''}>${errors.quantity ? `<p class="error" id="quantity-error">${esc(errors.quantity)}</p>` : ''}
<div class="actions"><button class="button secondary" type="submit" data-test="portal-update-plan">Update plan</button></div></form>`
  const cancelForm = ended
    ? ''
    : sub.cancel_at_period_end === true || typeof sub.cancel_at === 'number'
      ? `<form method="post" action="${base}/resume"><div class="actions"><button class="button secondary" type="submit" data-test="portal-resume">Renew subscription</button></div></form>`
      : `<form method="post" action="${base}/cancel"><div class="actions"><button class="button danger" type="submit" data-test="portal-cancel">Cancel subscription</button></div><p class="hint">It stays active until ${esc(date(sub.status === 'trialing' && typeof sub.trial_end === 'number' ? sub.trial_end : period.end))}.</p></form>`
  return `<section class="card" aria-labelledby="plan-heading" data-test="portal-subscription">
<h2 id="plan-heading">Current plan</h2>
<p><strong data-test="portal-plan-name">${esc(product?.name ?? price.id)}</strong> · ${esc(money(Number(price.unit_amount), String(price.currency)))} ${esc(every(price.recurring as { interval: string; interval_count: number }))} × <span data-test="portal-seats">${esc(item.quantity)}</span> ${item.quantity === 1 ? 'seat' : 'seats'}</p>
<p><span class="badge status ${tone}" data-test="portal-status">${esc(label)}</span></p>
${facts.map((f) => `<p class="muted">${esc(f)}</p>`).join('')}
${owed ? `<div class="alert" role="status">The last payment of ${esc(money(Number(latest.amount_remaining), String(latest.currency)))} failed. Update your card below to pay it.</div>` : ''}
${planForm}${cancelForm}</section>`
}

export function portalPage(ctx: Ctx, session: Obj, opts: { done?: string; errors?: FieldErrors; values?: Record<string, string> } = {}): { status: number; html: string } {
  const errors = opts.errors ?? {}
  const customer = ctx.store.find(String(session.customer))
  const back = session.return_url ? { href: String(session.return_url), text: '← Return to DoulaOS' } : undefined
  if (!customer) return { status: 410, html: page('Billing', `${top('DoulaOS billing', back)}<div class="card"><h1>This customer no longer exists</h1></div>`) }
  const base = `/p/session/${session.id}`
  const subs = portalSubscriptions(ctx, customer.id)
  const pmId = (customer.invoice_settings as { default_payment_method: string | null }).default_payment_method ?? subs.map((s) => s.default_payment_method).find((x) => typeof x === 'string')
  const pm = typeof pmId === 'string' ? ctx.store.find(pmId) : undefined
  const card = pm?.card as { brand: string; last4: string; exp_month: number; exp_year: number } | undefined
  const invoices = ctx.store.all('invoice').filter((i) => i.customer === customer.id).slice(0, 12)
  const invoiceRows = invoices
    .map((i) => `<tr><td>${esc(shortDate(Number(i.created)))}</td><td>${esc(i.number)}</td><td class="num">${esc(money(Number(i.total), String(i.currency)))}</td><td>${esc(i.status === 'open' ? 'Due' : String(i.status).replace(/^./, (c) => c.toUpperCase()))}</td><td><a href="${esc(i.hosted_invoice_url)}" data-test="portal-invoice-link">View<span class="sr-only" style="position:absolute;left:-9999px"> invoice ${esc(i.number)}</span></a></td></tr>`)
    .join('')
  const body = `${top('DoulaOS billing', back)}
<h1>Manage your subscription</h1><p class="muted">${esc(customer.email ?? customer.name ?? customer.id)}</p>
${opts.done && DONE[opts.done] ? `<div class="notice" role="status" data-test="portal-done">${esc(DONE[opts.done])}</div>` : ''}
${errors.form ? `<div class="alert" role="alert" data-test="portal-error">${esc(errors.form)}</div>` : ''}
<div class="stack">
${subs.length ? subs.map((s) => subscriptionSection(ctx, base, s, errors)).join('') : '<section class="card"><h2>No subscription</h2><p class="muted">There is nothing to manage yet.</p></section>'}
<section class="card" aria-labelledby="card-heading"><h2 id="card-heading">Payment method</h2>
<p data-test="portal-card">${card ? `${esc(card.brand.replace(/^./, (c) => c.toUpperCase()))} ending in ${esc(card.last4)}, expires ${esc(String(card.exp_month).padStart(2, '0'))}/${esc(String(card.exp_year).slice(-2))}` : 'No card on file.'}</p>
<form method="post" action="${base}/card" data-test="portal-card-form"><fieldset><legend>${card ? 'Replace card' : 'Add a card'}</legend>${cardFields(opts.values ?? {}, errors, true)}</fieldset>
<div class="actions"><button class="button secondary" type="submit" data-test="portal-save-card">Save card</button></div></form></section>
<section class="card" aria-labelledby="invoices-heading"><h2 id="invoices-heading">Invoices</h2>${invoices.length ? `<div style="overflow-x:auto"><table style="font-size:.875rem"><thead><tr><th scope="col">Date</th><th scope="col">Number</th><th scope="col" class="num">Amount</th><th scope="col">Status</th><th scope="col"><span style="position:absolute;left:-9999px">Link</span></th></tr></thead><tbody>${invoiceRows}</tbody></table></div>` : '<p class="muted">No invoices yet.</p>'}</section>
</div>`
  return { status: Object.keys(errors).length ? 400 : 200, html: page('Billing · DoulaOS', body) }
}

export type PortalAction = 'plan' | 'card' | 'cancel' | 'resume'

/** Applies one portal form; returns the `done` key to redirect with, or the page to show again. */
export function portalAction(ctx: Ctx, session: Obj, action: PortalAction, form: URLSearchParams): { done: string } | { status: number; html: string } {
  const customer = ctx.store.get(String(session.customer), 'customer')
  const sub = portalSubscriptions(ctx, customer.id).find((s) => s.status !== 'canceled' && s.status !== 'incomplete_expired')
  const fail = (errors: FieldErrors, values?: Record<string, string>) => portalPage(ctx, session, { errors, values })
  if (action === 'card') {
    const values = Object.fromEntries(['number', 'expiry', 'cvc', 'cardholder'].map((k) => [k, form.get(k) ?? '']))
    const check = checkCard({ number: values.number!, expiry: values.expiry!, cvc: values.cvc! }, ctx.clock.now())
    if (!check.ok) return fail({ [check.field]: check.message }, values)
    if (check.card.behaviour === 'declined') return fail({ number: 'Your card was declined.' }, values)
    const pm = ctx.store.insert(newPaymentMethod(ctx, customer.id, check, values.cardholder?.trim() || null, (customer.email as string | null) ?? null))
    emit(ctx, 'payment_method.attached', pm)
    updateWithEvent(ctx, customer, 'customer.updated', () => ((customer.invoice_settings as Record<string, unknown>).default_payment_method = pm.id))
    for (const s of portalSubscriptions(ctx, customer.id)) {
      if (s.status === 'canceled') continue
      updateWithEvent(ctx, s, 'customer.subscription.updated', () => (s.default_payment_method = pm.id))
      const open = typeof s.latest_invoice === 'string' ? ctx.store.find(s.latest_invoice) : undefined
      if (open?.status === 'open' && payInvoice(ctx, open, { paymentMethod: pm.id, onSession: true }).outcome === 'paid') recoverAfterPayment(ctx, open)
    }
    return { done: 'card' }
  }
  if (!sub) return fail({ form: 'There is no active subscription to change.' })
  if (action === 'plan') {
    const priceId = form.get('price') ?? ''
    const quantity = Number(form.get('quantity'))
    const price = ctx.store.find(priceId)
    if (!price || price.object !== 'price' || price.active !== true || price.currency !== sub.currency) return fail({ form: 'Choose one of the plans listed.' })
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) return fail({ quantity: 'Enter a number of seats from 1 to 999.' })
    const item = itemsOf(sub)[0]!
    updateWithEvent(ctx, sub, 'customer.subscription.updated', () => {
      item.price = price.id
      item.quantity = quantity
    })
    return { done: 'plan' }
  }
  const end = sub.status === 'trialing' && typeof sub.trial_end === 'number' ? sub.trial_end : periodOf(sub).end
  updateWithEvent(ctx, sub, 'customer.subscription.updated', () => {
    const cancel = action === 'cancel'
    sub.cancel_at_period_end = cancel
    sub.cancel_at = cancel ? end : null
    sub.canceled_at = cancel ? ctx.clock.now() : null
    sub.cancellation_details = { comment: null, feedback: null, reason: cancel ? 'cancellation_requested' : null }
  })
  return { done: action }
}
