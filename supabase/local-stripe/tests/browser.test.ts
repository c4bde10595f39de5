import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { chromium, type Browser, type Page } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../index.ts'
import { seedPlans, startHarness, subscribe, type Harness } from './harness.ts'

/** The hosted pages in Debian's Chromium at desktop and phone widths: usable, accessible, screenshotted. */
let h: Harness
let plans: Awaited<ReturnType<typeof seedPlans>>
let browser: Browser
let app: Server
let appUrl: string
const SHOTS = join(REPO_ROOT, 'test-results', 'local-stripe')

beforeAll(async () => {
  h = await startHarness()
  plans = await seedPlans(h.stripe)
  app = createServer((req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><title>App</title><h1 data-test="app-landed">Back in the app: ${req.url}</h1>`))
  await new Promise<void>((ok) => app.listen(0, '127.0.0.1', ok))
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  if (!existsSync('/usr/bin/chromium')) throw new Error("Debian's Chromium is missing: sudo apt-get install -y chromium (npm test installs it when run as root)")
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((ok) => app.close(() => ok()))
  await h.stop()
})

async function seriousFindings(page: Page) {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)
}

describe.each([
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
])('hosted pages at $width px', ({ name, width, height }) => {
  it('checkout: she types a card, subscribes and lands back in the app', async () => {
    const session = await h.stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: plans.teamMonthly.id, quantity: 3 }],
      success_url: `${appUrl}/billing?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${appUrl}/billing`,
      customer_email: `browser-${name}@example.test`,
    })
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage()
    await page.goto(session.url!)
    expect(await seriousFindings(page)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    await page.getByLabel('Card number').fill('4000 0000 0000 0002')
    await page.getByLabel('Expiry (MM / YY)').fill('12 / 34')
    await page.getByLabel('Security code').fill('123')
    await page.getByRole('button', { name: 'Subscribe' }).click()
    await expect.poll(() => page.locator('[data-test="checkout-error"]').isVisible()).toBe(true)
    expect(await page.locator('#number-error').textContent()).toBe('Your card was declined.')
    expect(await seriousFindings(page)).toEqual([])
    await page.screenshot({ path: join(SHOTS, `checkout-declined-${width}.png`), fullPage: true })
    await page.getByLabel('Card number').fill('4242 4242 4242 4242')
    await page.getByLabel('Name on card').fill('Maya Rivers')
    await page.getByRole('button', { name: 'Subscribe' }).click()
    await page.waitForURL(`${appUrl}/billing?session_id=${session.id}`)
    expect(await page.locator('[data-test="app-landed"]').isVisible()).toBe(true)
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe('complete')
    await page.close()
  })

  it('checkout with a trial and the portal: both readable and accessible', async () => {
    const trial = await h.stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: plans.soloMonthly.id, quantity: 1 }],
      success_url: `${appUrl}/billing`,
      cancel_url: `${appUrl}/billing`,
      subscription_data: { trial_period_days: 14 },
      payment_method_collection: 'if_required',
    })
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage()
    await page.goto(trial.url!)
    expect(await seriousFindings(page)).toEqual([])
    await page.screenshot({ path: join(SHOTS, `checkout-trial-${width}.png`), fullPage: true })

    const { subscription } = await subscribe(h, plans.teamMonthly.id, { quantity: 2, card: '4242424242424242', email: `portal-${name}@example.test` })
    const portal = await h.stripe.billingPortal.sessions.create({ customer: String(subscription.customer), return_url: `${appUrl}/billing` })
    await page.goto(portal.url)
    expect(await seriousFindings(page)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    await page.getByLabel('Seats').fill('5')
    await page.getByRole('button', { name: 'Update plan' }).click()
    await expect.poll(() => page.locator('[data-test="portal-done"]').textContent()).toBe('Your plan was updated.')
    expect(await page.locator('[data-test="portal-seats"]').textContent()).toBe('5')
    await page.screenshot({ path: join(SHOTS, `portal-${width}.png`), fullPage: true })
    await page.goto(String((await h.stripe.invoices.list({ subscription: subscription.id })).data[0]!.hosted_invoice_url))
    expect(await seriousFindings(page)).toEqual([])
    await page.screenshot({ path: join(SHOTS, `invoice-${width}.png`), fullPage: true })
    await page.close()
  })
})
