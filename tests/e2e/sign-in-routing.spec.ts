import type { Page } from '@playwright/test'
import { confirmLink, latestId, waitForMail } from './support/mailbox'
import { expect, test, uniqueEmail } from './fixtures'
import { rest } from './support/service-api'
import { expectNoSeriousA11yIssues, screenshots } from './support/review'

/** A practice (made by its doula's sign-up) and a client of it whose portal login is already linked. */
async function practiceWithPortalClient(page: Page, signUpAndSignIn: (d: { fullName: string; practiceName: string; email: string }) => Promise<void>) {
  const practiceName = `Routing Doulas ${Date.now()}`
  await signUpAndSignIn({ fullName: 'Maya Reyes', practiceName, email: uniqueEmail('doula') })
  const [practice] = await rest<{ id: string }[]>('GET', `/rest/v1/practices?select=id&name=eq.${encodeURIComponent(practiceName)}`)
  const clientEmail = uniqueEmail('client')
  const login = await rest<{ id: string }>('POST', '/auth/v1/admin/users', { email: clientEmail, email_confirm: true })
  await rest('POST', '/rest/v1/clients', {
    practice_id: practice!.id,
    first_name: 'Ines',
    last_name: 'Moreau',
    email: clientEmail,
    portal_user_id: login.id,
  })
  await page.context().clearCookies()
  return { clientEmail, clientLoginId: login.id, practiceId: practice!.id }
}

async function followLatestLink(page: Page, email: string, before: string | null) {
  await page.goto(confirmLink(await waitForMail(email, before)).toString())
}

test.describe('one way in for doulas and clients (issue 19, defect 1)', () => {
  test('a client who uses the site’s “Log in” lands in her portal and is never offered a practice', async ({ page, signupPage }) => {
    test.setTimeout(120_000)
    const { clientEmail, clientLoginId } = await practiceWithPortalClient(page, (d) => signupPage.signUpAndSignIn(d))

    await page.goto('/')
    await expect(page.getByRole('link', { name: 'Client portal' })).toHaveAttribute('href', '/portal-login')
    await page.getByTestId('nav-login').click()
    await expect(page).toHaveURL(/\/login$/)
    await expect(page.getByTestId('login-portal-link')).toHaveAttribute('href', '/portal-login')
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      await expectNoSeriousA11yIssues(page)
    }
    await screenshots(page, 'login-for-everyone')

    const before = await latestId(clientEmail)
    await page.getByTestId('login-email').fill(clientEmail)
    await page.getByTestId('login-submit').click()
    await expect(page.getByTestId('check-email')).toBeVisible()
    await followLatestLink(page, clientEmail, before)
    await expect(page).toHaveURL(/\/portal$/)
    await expect(page.getByTestId('finish-setup')).toHaveCount(0)

    // Typing the dashboard's address changes nothing: her place is the portal.
    await page.goto('/dashboard')
    await expect(page).toHaveURL(/\/portal$/)
    await page.goto('/dashboard/settings')
    await expect(page).toHaveURL(/\/portal$/)
    expect(await rest('GET', `/rest/v1/practice_members?select=practice_id&user_id=eq.${clientLoginId}`)).toEqual([])
  })

  test('a signed-out client opening an email’s portal link signs in on the portal page and comes back to it', async ({ page, signupPage }) => {
    test.setTimeout(120_000)
    const { clientEmail } = await practiceWithPortalClient(page, (d) => signupPage.signUpAndSignIn(d))

    await page.goto('/portal/messages')
    await expect(page).toHaveURL(/\/portal-login\?next=%2Fportal%2Fmessages$/)
    await expect(page.getByRole('heading', { name: 'Your private portal' })).toBeVisible()
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      await expectNoSeriousA11yIssues(page)
    }
    await screenshots(page, 'portal-login-from-email')
    const before = await latestId(clientEmail)
    await page.getByTestId('login-email').fill(clientEmail)
    await page.getByTestId('login-submit').click()
    await followLatestLink(page, clientEmail, before)
    await expect(page).toHaveURL(/\/portal\/messages$/)
  })

  test('a doula who is also a client switches between her dashboard and her portal', async ({ page, signupPage }) => {
    test.setTimeout(120_000)
    const { practiceId } = await practiceWithPortalClient(page, (d) => signupPage.signUpAndSignIn(d))
    const doulaEmail = uniqueEmail('doula-and-client')
    const ownPractice = `Both Ways ${Date.now()}`
    await signupPage.signUpAndSignIn({ fullName: 'Dana Both', practiceName: ownPractice, email: doulaEmail })
    const [own] = await rest<{ created_by: string }[]>('GET', `/rest/v1/practices?select=created_by&name=eq.${encodeURIComponent(ownPractice)}`)
    await rest('POST', '/rest/v1/clients', { practice_id: practiceId, first_name: 'Dana', last_name: 'Both', email: doulaEmail, portal_user_id: own!.created_by })

    await page.reload()
    await page.getByTestId('account-menu').click()
    await page.getByTestId('account-switch').click()
    await expect(page).toHaveURL(/\/portal$/)
    await page.getByTestId('account-menu').click()
    await expect(page.getByTestId('account-switch')).toHaveText('My practice dashboard')
    await page.getByTestId('account-switch').click()
    await expect(page).toHaveURL(/\/dashboard$/)
  })
})

test('repeated sign-in requests for one address are slowed, then refused with a clear message that says nothing of the account', async ({ page }) => {
  test.setTimeout(120_000)
  const email = uniqueEmail('hammered')
  const timings: number[] = []
  for (let i = 0; i < 6; i++) {
    await page.goto('/login')
    await page.getByTestId('login-email').fill(email)
    const started = Date.now()
    await page.getByTestId('login-submit').click()
    await expect(page.getByTestId('check-email')).toBeVisible({ timeout: 15_000 })
    timings.push(Date.now() - started)
  }
  expect(Math.min(...timings.slice(3))).toBeGreaterThanOrEqual(5000)
  await page.goto('/login')
  await page.getByTestId('login-email').fill(email)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('login-form').getByRole('alert')).toContainText(
    'You can make 6 sign-in link requests for one address every 15 minutes. Please try again in 15 minutes.',
  )
  await expect(page.getByTestId('login-email')).toHaveValue(email)
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await expectNoSeriousA11yIssues(page)
  }
  await screenshots(page, 'login-refused')
})
