import { confirmLink, latestId, waitForMail } from './support/mailbox'
import { expect, test, uniqueEmail } from './fixtures'

test.describe('doula sign-up and login', () => {
  test('signs up, confirms by email, lands on her practice, signs out and logs in again', async ({
    page,
    signupPage,
    loginPage,
    dashboardPage,
  }) => {
    const email = uniqueEmail('amara')
    await signupPage.goto()
    await signupPage.signUp({ fullName: 'Amara Okafor', practiceName: 'Willow Birth Support', email })

    const welcome = await waitForMail(email)
    const link = confirmLink(welcome)
    expect(link.searchParams.get('token_hash')).toBeTruthy()
    await page.goto(link.toString())
    await dashboardPage.expectPractice('Willow Birth Support')

    const dashboard = await page.goto('/dashboard')
    expect(dashboard?.headers()['cache-control']).toContain('no-store')
    expect(dashboard?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)

    const signOut = await dashboardPage.signOut()
    expect(signOut['clear-site-data']).toContain('"cookies"')
    await page.goto('/dashboard')
    await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/)

    const before = await latestId(email)
    await loginPage.goto()
    await loginPage.requestLink(email)
    const again = await waitForMail(email, before)
    await page.goto(confirmLink(again).toString())
    await dashboardPage.expectPractice('Willow Birth Support')
  })

  test('a link used twice explains that it expired or was used, and offers a new one', async ({ page, signupPage }) => {
    const email = uniqueEmail('reuse')
    await signupPage.goto()
    await signupPage.signUp({ fullName: 'Noor Haddad', practiceName: 'First Light Doulas', email })
    const link = confirmLink(await waitForMail(email)).toString()

    await page.goto(link)
    await expect(page).toHaveURL(/\/dashboard$/)
    await page.context().clearCookies()

    await page.goto(link)
    await expect(page).toHaveURL(/\/auth\/link-invalid$/)
    await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible()
    await page.getByTestId('link-invalid-new-link').click()
    await expect(page).toHaveURL(/\/login$/)
  })

  test('a foreign next parameter never leaves the app', async ({ page, signupPage, loginPage }) => {
    const email = uniqueEmail('redirect')
    await signupPage.signUpAndSignIn({ fullName: 'Lena Vogel', practiceName: 'Harbor Doula Care', email })

    for (const next of ['//evil.com', 'https://evil.com', '/\\evil.com']) {
      await page.context().clearCookies()
      const before = await latestId(email)
      await loginPage.goto()
      await loginPage.requestLink(email)
      const link = confirmLink(await waitForMail(email, before))
      link.searchParams.set('next', next)
      await page.goto(link.toString())
      await expect(page, `next=${next}`).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/dashboard$/)
    }
  })

  test('an unknown email gets exactly the same answer as a known one, and no email', async ({ page, signupPage, loginPage }) => {
    const known = uniqueEmail('known')
    await signupPage.signUpAndSignIn({ fullName: 'Maya Lin', practiceName: 'Maya Lin Doula', email: known })
    await page.context().clearCookies()

    await loginPage.goto()
    const knownAnswer = await loginPage.requestLink(known)
    const knownBody = await page.locator('main').innerText()

    const unknown = uniqueEmail('nobody')
    await loginPage.goto()
    const unknownAnswer = await loginPage.requestLink(unknown)
    const unknownBody = await page.locator('main').innerText()

    expect(unknownAnswer).toBe(knownAnswer)
    expect(unknownBody).toBe(knownBody)
    expect(await latestId(unknown)).toBeNull()
  })

  test('a signed-out visitor to the dashboard is sent to the login page', async ({ page }) => {
    const response = await page.goto('/dashboard/clients')
    await expect(page).toHaveURL(/\/login\?next=%2Fdashboard%2Fclients$/)
    expect(response?.status()).toBe(200)
    const headers = response?.headers() ?? {}
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('same-origin')
    expect(headers['cross-origin-opener-policy']).toBe('same-origin')
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['content-security-policy']).toContain("object-src 'none'")
    await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible()

    // Route handlers, which the proxy does not see, are never framed either.
    const api = (await page.request.get('/api/documents/00000000-0000-4000-8000-000000000000/download', { maxRedirects: 0 })).headers()
    expect(api['content-security-policy']).toBe("frame-ancestors 'none'")
    expect(api['x-frame-options']).toBe('DENY')
    expect(api['referrer-policy']).toBe('same-origin')
  })

  test('on a local stack the login page points to the mailbox where the links arrive', async ({ page }) => {
    await page.goto('/login')
    const link = page.getByTestId('local-mailbox-link').getByRole('link', { name: 'local mailbox' })
    await expect(link).toHaveAttribute('href', process.env.E2E_MAILBOX_URL ?? 'unset')
  })
})
