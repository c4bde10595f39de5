import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { latestId, waitForMail } from './support/mailbox'
import { expect, test, uniqueEmail } from './fixtures'

/** Chromium's type=email check accepts a dotless domain; the server's zod schema does not. */
const SERVER_REJECTED_EMAIL = 'amara@localhost'
const INVALID_EMAIL_MESSAGE = 'Enter a valid email address, like you@example.com.'

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

  test('shows a field error from the server on the re-rendered page', async ({ page }) => {
    await page.goto('/login')
    await page.getByTestId('login-email').fill(SERVER_REJECTED_EMAIL)
    await page.getByTestId('login-submit').click()
    await expectFieldError(page, 'login-email', INVALID_EMAIL_MESSAGE)
    await expect(page.getByTestId('login-email')).toHaveValue(SERVER_REJECTED_EMAIL)
    expect(await latestId(SERVER_REJECTED_EMAIL)).toBeNull()
  })
})
