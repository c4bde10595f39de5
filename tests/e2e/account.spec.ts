import { confirmLink, waitForMail } from './support/mailbox'
import { expect, test, uniqueEmail } from './fixtures'
import { rest } from './support/service-api'
import { expectNoSeriousA11yIssues, screenshots } from './support/review'

test('a doula changes her name and her sign-in email, and signs out her other devices', async ({ page, signupPage }) => {
  test.setTimeout(120_000)
  const email = uniqueEmail('account')
  await signupPage.signUpAndSignIn({ fullName: 'Maya Reyes', practiceName: `Account Doulas ${Date.now()}`, email })

  await page.getByTestId('account-menu').click()
  await page.getByTestId('account-page-link').click()
  await expect(page).toHaveURL(/\/dashboard\/account$/)
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible()
  await expect(page.getByTestId('account-current-email')).toHaveText(email)
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await expectNoSeriousA11yIssues(page)
  }
  await page.setViewportSize({ width: 1280, height: 900 })

  // Her name: an empty one is refused on the field, a new one shows in her menu.
  const name = page.getByLabel('Your name')
  await expect(name).toHaveValue('Maya Reyes')
  await name.fill('  ')
  await page.getByTestId('account-name-save').click()
  await expect(page.getByTestId('account-name-form')).toContainText('Enter your name.')
  await name.fill('Maya Reyes-Cole')
  await page.getByTestId('account-name-save').click()
  await expect(page.getByTestId('account-name-form').getByRole('status')).toHaveText('Your name is saved.')
  await page.reload()
  await page.getByTestId('account-menu').click()
  await expect(page.getByRole('menu')).toContainText('Maya Reyes-Cole')
  await page.keyboard.press('Escape')

  // Her email: her own address, a bad one and one taken by another login are refused with a reason.
  const newEmail = page.getByLabel('New email address')
  await newEmail.fill(email)
  await page.getByTestId('account-email-save').click()
  await expect(page.getByTestId('account-email-form')).toContainText('That is already your sign-in email.')
  await newEmail.fill('maya@')
  await page.getByTestId('account-email-save').click()
  await expect(page.getByTestId('account-email-form')).toContainText('Enter a valid email address')
  const taken = uniqueEmail('taken')
  await rest('POST', '/auth/v1/admin/users', { email: taken, email_confirm: true })
  await newEmail.fill(taken)
  await page.getByTestId('account-email-save').click()
  await expect(page.getByTestId('account-email-form')).toContainText('Another DoulaOS login already uses this address.')

  const moved = uniqueEmail('moved')
  await newEmail.fill(moved)
  await page.getByTestId('account-email-save').click()
  await expect(page.getByTestId('account-email-form').getByRole('status')).toContainText(`We sent a confirmation link to ${moved}`)
  await screenshots(page, 'account')
  // Nothing changes until the link is opened.
  await page.reload()
  await expect(page.getByTestId('account-current-email')).toHaveText(email)
  const mail = await waitForMail(moved)
  expect(mail.subject).toBe('Confirm your new email address for DoulaOS')
  await page.goto(confirmLink(mail).toString())
  await expect(page).toHaveURL(/\/dashboard\/account$/)
  await expect(page.getByTestId('account-current-email')).toHaveText(moved)

  // Everywhere but here (that other sessions end is proven in tests/integration/account.test.ts).
  await page.getByTestId('account-sign-out-others').click()
  await expect(page.getByRole('status').filter({ hasText: 'Every other browser and device is signed out' })).toBeVisible()
  await page.reload()
  await expect(page).toHaveURL(/\/dashboard\/account$/)
})
