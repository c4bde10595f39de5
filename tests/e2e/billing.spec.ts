import type { Page } from '@playwright/test'
import { LOCAL_CRON_SECRET } from '../../scripts/local-env'
import { LOCAL_STRIPE_SECRET_KEY } from '../../supabase/local-stripe/index'
import { expect, test, uniqueEmail } from './fixtures'
import { SignupPage } from './pages/signup-page'
import { latestId, waitForMail } from './support/mailbox'
import { expectNoSeriousA11yIssues, screenshots } from './support/review'

const stripeUrl = () => {
  const url = process.env.E2E_STRIPE_URL
  if (!url) throw new Error('E2E_STRIPE_URL is not set: run the suite through playwright.config.ts')
  return url
}

/** The stand-in's clock, like a Stripe test clock: trial ends and renewals happen now, webhooks go out. */
async function advanceStripe(duration: string) {
  const headers = { Authorization: `Bearer ${LOCAL_STRIPE_SECRET_KEY}`, 'Content-Type': 'application/json' }
  const res = await fetch(`${stripeUrl()}/_local/clock/advance`, { method: 'POST', headers, body: JSON.stringify({ duration }) })
  expect(res.status).toBe(200)
  await fetch(`${stripeUrl()}/_local/webhooks/settled`, { headers })
}

/** What Vercel's cron does every minute: sends the outbox. */
async function drainOutbox(baseURL: string) {
  const res = await fetch(`${baseURL}/api/cron/outbox`, { headers: { Authorization: `Bearer ${LOCAL_CRON_SECRET}` } })
  expect(res.status).toBe(200)
}

async function payOnStripe(page: Page, card = '4242 4242 4242 4242') {
  await page.getByTestId('card-number').fill(card)
  await page.getByTestId('card-expiry').fill('12 / 34')
  await page.getByTestId('card-cvc').fill('123')
  await page.getByTestId('checkout-submit').click()
}

test('the landing page’s pricing is the plans the app sells', async ({ page }) => {
  await page.goto('/')
  const pricing = page.getByTestId('pricing')
  await expect(pricing.getByRole('listitem')).toHaveCount(2)
  await expect(pricing).toContainText('Solo$29 a month')
  await expect(pricing).toContainText('Team$25 a month per seat')
  await expect(pricing).toContainText('or $250 a year per seat (two months free)')
})

test('the owner subscribes through Checkout, sees confirming then her plan, cancels, is read-only and resubscribes', async ({ page, baseURL }) => {
  test.setTimeout(240_000)
  const email = uniqueEmail('iris')
  await new SignupPage(page).signUpAndSignIn({ fullName: 'Iris Moreno', practiceName: 'Tidewater Doulas', email })

  await page.goto('/dashboard/settings')
  await page.getByTestId('settings-billing-link').click()
  await expect(page.getByRole('heading', { name: 'Choose a plan' })).toBeVisible()
  // A Team plan below its minimum is refused on the field, before anything reaches Stripe.
  await page.getByTestId('plan-team').check()
  await page.getByTestId('plan-seats').fill('1')
  await page.getByTestId('checkout-submit').click()
  await expect(page.locator('#seats-error')).toHaveText('The Team plan starts at 2 seats')
  await page.getByTestId('plan-solo').check()
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'billing-choose')

  await page.getByTestId('checkout-submit').click()
  await page.waitForURL(/\/c\/pay\/cs_/)
  const sessionId = new URL(page.url()).pathname.split('/').pop()!

  // Another tab on the return page before paying: it only says "confirming" until the webhook lands.
  const waiting = await page.context().newPage()
  await waiting.goto(`/dashboard/settings/billing/return?session_id=${sessionId}`)
  await expect(waiting.getByTestId('checkout-confirming')).toContainText('Confirming your subscription…')
  await expectNoSeriousA11yIssues(waiting)
  await screenshots(waiting, 'billing-confirming')

  await expect(page.getByText('14 days free')).toBeVisible()
  await payOnStripe(page)
  await page.waitForURL(/\/dashboard\/settings\/billing\/return\?session_id=/)
  await expect(page.getByTestId('checkout-confirmed')).toContainText('Your free trial has started')
  // The waiting tab turns by itself once the verified webhook has stored the subscription.
  await expect(waiting.getByTestId('checkout-confirmed')).toBeVisible({ timeout: 20_000 })
  await waiting.close()
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'billing-confirmed')

  await page.getByTestId('checkout-back').click()
  await expect(page.getByTestId('billing-status')).toHaveText('Trial')
  await expect(page.getByTestId('billing-trial-ends')).toBeVisible()

  // The trial ends and the card is charged: active, with its next invoice and both invoices listed.
  const beforeTrialEnd = await latestId(email)
  await advanceStripe('15d')
  await drainOutbox(baseURL!)
  const reminder = await waitForMail(email, beforeTrialEnd)
  expect(reminder.subject).toBe('Your DoulaOS trial ends soon')
  await page.reload()
  await expect(page.getByTestId('billing-status')).toHaveText('Active')
  await expect(page.getByTestId('billing-next-invoice')).toContainText('$29')
  await expect(page.getByTestId('billing-invoices').locator('li')).toHaveCount(2)
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'billing-active')

  // She cancels in the customer portal; at the period's end the practice turns read-only.
  await page.getByTestId('billing-portal').click()
  await page.waitForURL(/\/p\/session\/bps_/)
  await page.getByTestId('portal-cancel').click()
  await expect(page.getByTestId('portal-done')).toBeVisible()
  const before = await latestId(email)
  await advanceStripe('32d')
  await page.goto('/dashboard')
  await expect(page.getByTestId('billing-banner-read-only')).toContainText('This practice is read-only because its subscription has ended.')
  // She is told the day her data goes (30 days after the end), in the banner and by email, the same day in both.
  const DELETED_ON = /permanently deleted on (\w+ \d{1,2}, \d{4})/
  const bannerDate = DELETED_ON.exec((await page.getByTestId('billing-banner-erasure-date').textContent()) ?? '')?.[1]
  expect(bannerDate).toBeTruthy()
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'billing-read-only')
  await drainOutbox(baseURL!)
  const notice = await waitForMail(email, before)
  expect(notice.subject).toBe('Your DoulaOS subscription has ended')
  expect(notice.text).toMatch(/Your practice is now read-only/)
  expect(DELETED_ON.exec(notice.text.replace(/\s+/g, ' '))?.[1]).toBe(bannerDate)

  // Resubscribing (no second trial, a card now) makes it writable again.
  await page.goto('/dashboard/settings/billing')
  await expect(page.getByTestId('billing-status')).toHaveText('Cancelled')
  await expect(page.getByTestId('billing-data-deleted-on')).toHaveText(bannerDate!)
  await expect(page.getByTestId('billing-summary')).toContainText(`Unless you resubscribe, your practice and all its data will be permanently deleted on ${bannerDate}.`)
  await expect(page.getByRole('heading', { name: 'Resubscribe' })).toBeVisible()
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'billing-erasure-date')
  await page.getByTestId('checkout-submit').click()
  await page.waitForURL(/\/c\/pay\/cs_/)
  await payOnStripe(page)
  await expect(page.getByTestId('checkout-confirmed')).toContainText('Your subscription is active', { timeout: 20_000 })
  await page.goto('/dashboard')
  await expect(page.getByTestId('billing-banner-read-only')).toHaveCount(0)
  await page.goto('/dashboard/settings/billing')
  await expect(page.getByTestId('billing-data-deleted-on')).toHaveCount(0)
})

test('a card that fails at renewal: a banner for the practice, an email to the owner, and a new card in the portal settles it', async ({ page, baseURL }) => {
  test.setTimeout(180_000)
  const email = uniqueEmail('noor')
  await new SignupPage(page).signUpAndSignIn({ fullName: 'Noor Haddad', practiceName: 'Cedar Birth Collective', email })
  await page.goto('/dashboard/settings/billing')
  await page.getByTestId('checkout-submit').click()
  await page.waitForURL(/\/c\/pay\/cs_/)
  // Saved for the trial; declined when the trial ends.
  await payOnStripe(page, '4000 0000 0000 0341')
  await expect(page.getByTestId('checkout-confirmed')).toBeVisible({ timeout: 20_000 })

  const signedUp = await latestId(email)
  await advanceStripe('12d')
  await drainOutbox(baseURL!)
  expect((await waitForMail(email, signedUp)).subject).toBe('Your DoulaOS trial ends soon')
  const before = await latestId(email)
  await advanceStripe('3d')
  await page.goto('/dashboard')
  await expect(page.getByTestId('billing-banner-past-due')).toContainText('The last payment for this practice did not go through.')
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'billing-past-due')
  await drainOutbox(baseURL!)
  const failed = await waitForMail(email, before)
  expect(failed.subject).toBe('Your DoulaOS payment did not go through')

  await page.goto('/dashboard/settings/billing')
  await expect(page.getByTestId('billing-status')).toHaveText('Payment failed')
  await page.getByTestId('billing-portal').click()
  await page.waitForURL(/\/p\/session\/bps_/)
  const cardForm = page.getByTestId('portal-card-form')
  await cardForm.getByTestId('card-number').fill('4242 4242 4242 4242')
  await cardForm.getByTestId('card-expiry').fill('12 / 34')
  await cardForm.getByTestId('card-cvc').fill('123')
  await page.getByTestId('portal-save-card').click()
  await expect(page.getByTestId('portal-status')).toHaveText('Active')
  await fetch(`${stripeUrl()}/_local/webhooks/settled`, { headers: { Authorization: `Bearer ${LOCAL_STRIPE_SECRET_KEY}` } })
  await page.goto('/dashboard/settings/billing')
  await expect(page.getByTestId('billing-status')).toHaveText('Active')
  await expect(page.getByTestId('billing-banner-past-due')).toHaveCount(0)
})
