import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { confirmLink, latestId, waitForMail } from './support/mailbox'
import { expect, test, uniqueEmail } from './fixtures'
import { rest } from './support/service-api'

/** Chromium's type=email check accepts a dotless domain; the server's zod schema does not. */
const SERVER_REJECTED_EMAIL = 'amara@localhost'
const INVALID_EMAIL_MESSAGE = 'Enter a valid email address, like you@example.com.'

/**
 * Opens a sign-in page as the server sends it: the site-wide referrer policy alone (no page of ours
 * overrides it with a <meta>) must let a plain form post carry its origin.
 */
async function openSignInPage(page: Page, path: string) {
  const response = await page.goto(path)
  expect(response?.headers()['referrer-policy']).toBe('same-origin')
  await expect(page.locator('meta[name="referrer"]')).toHaveCount(0)
}

/** Sends the form, then follows the newest link in her mailbox. */
async function requestAndFollowLink(page: Page, email: string) {
  const before = await latestId(email)
  await page.getByTestId('login-email').fill(email)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('check-email-message')).toBeVisible()
  await page.goto(confirmLink(await waitForMail(email, before)).toString())
}

async function expectFieldError(page: Page, testId: string, message: string) {
  const input = page.getByTestId(testId)
  await expect(input).toHaveAttribute('aria-invalid', 'true')
  const errorId = await input.getAttribute('aria-describedby')
  expect(errorId).toBeTruthy()
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText(message)
}

test.describe('sign-in forms with JavaScript', () => {
  for (const width of [1280, 390]) {
    test(`puts the server's error on the email field and keeps what was typed (${width} px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 844 })
      await page.goto('/login')
      await page.getByTestId('login-email').fill(SERVER_REJECTED_EMAIL)
      await page.getByTestId('login-submit').click()
      await expectFieldError(page, 'login-email', INVALID_EMAIL_MESSAGE)
      await expect(page.getByTestId('login-email')).toHaveValue(SERVER_REJECTED_EMAIL)
      await expect(page).toHaveURL(/\/login$/)
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
      expect(violations.map((v) => v.id)).toEqual([])
      await page.screenshot({ path: test.info().outputPath(`login-field-error-${width}.png`), fullPage: true })
    })
  }

  test('lets the browser stop an empty sign-up before it reaches the server', async ({ page }) => {
    await page.goto('/signup')
    await page.getByTestId('signup-submit').click()
    const missing = await page.getByTestId('signup-full-name').evaluate((input: HTMLInputElement) => input.validity.valueMissing)
    expect(missing).toBe(true)
    await expect(page).toHaveURL(/\/signup$/)
  })
})

test.describe('sign-in forms before JavaScript runs', () => {
  test.use({ javaScriptEnabled: false })

  test('signs up and logs in with plain form posts', async ({ page }) => {
    const email = uniqueEmail('nojs')
    await page.goto('/signup')
    await page.getByTestId('signup-full-name').fill('Ines Moreau')
    await page.getByTestId('signup-practice-name').fill('Moreau Doula Care')
    await page.getByTestId('signup-email').fill(email)
    await page.getByTestId('signup-submit').click()
    await expect(page.getByTestId('check-email')).toBeVisible()
    const welcome = await waitForMail(email)

    const before = welcome.id
    await page.goto('/portal-login')
    await page.getByTestId('login-email').fill(email)
    await page.getByTestId('login-submit').click()
    await expect(page.getByTestId('check-email-message')).toBeVisible()
    await waitForMail(email, before)
  })

  test('a doula signs in at /login and a client at /portal-login, links followed from the mailbox', async ({ page, baseURL }) => {
    test.setTimeout(120_000)
    // Every form post must carry the page's own origin: `Origin: null` is what Next.js refuses.
    const postOrigins: Promise<string | null>[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST') postOrigins.push(request.headerValue('origin'))
    })

    const doula = uniqueEmail('nojs-doula')
    const practiceName = `Plain Post Doulas ${Date.now()}`
    await openSignInPage(page, '/signup')
    await page.getByTestId('signup-full-name').fill('Ines Moreau')
    await page.getByTestId('signup-practice-name').fill(practiceName)
    await page.getByTestId('signup-email').fill(doula)
    await page.getByTestId('signup-submit').click()
    await expect(page.getByTestId('check-email')).toBeVisible()
    await page.goto(confirmLink(await waitForMail(doula)).toString())
    await expect(page).toHaveURL(/\/dashboard$/)

    await page.context().clearCookies()
    await openSignInPage(page, '/login')
    await requestAndFollowLink(page, doula)
    await expect(page).toHaveURL(/\/dashboard$/)
    await expect(page.getByTestId('practice-name').first()).toHaveText(practiceName)

    const [practice] = await rest<{ id: string }[]>('GET', `/rest/v1/practices?select=id&name=eq.${encodeURIComponent(practiceName)}`)
    const client = uniqueEmail('nojs-client')
    const login = await rest<{ id: string }>('POST', '/auth/v1/admin/users', { email: client, email_confirm: true })
    await rest('POST', '/rest/v1/clients', { practice_id: practice!.id, first_name: 'Lea', last_name: 'Plain', email: client, portal_user_id: login.id })

    await page.context().clearCookies()
    await openSignInPage(page, '/portal-login')
    await requestAndFollowLink(page, client)
    await expect(page).toHaveURL(/\/portal$/)

    expect(await Promise.all(postOrigins)).toEqual([new URL(baseURL!).origin, new URL(baseURL!).origin, new URL(baseURL!).origin])
  })

  test('shows a field error from the server on the re-rendered page', async ({ page }) => {
    await page.goto('/login')
    await page.getByTestId('login-email').fill(SERVER_REJECTED_EMAIL)
    await page.getByTestId('login-submit').click()
    await expectFieldError(page, 'login-email', INVALID_EMAIL_MESSAGE)
    await expect(page.getByTestId('login-email')).toHaveValue(SERVER_REJECTED_EMAIL)
    expect(await latestId(SERVER_REJECTED_EMAIL)).toBeNull()
  })
})
