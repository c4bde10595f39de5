import type { Browser, Page } from '@playwright/test'
import { expect, test, uniqueEmail } from './fixtures'
import { ClientsPage } from './pages/clients-page'
import { SignupPage } from './pages/signup-page'
import { confirmLink, latestId, waitForMail } from './support/mailbox'
import { dayFromToday, expectNoSeriousA11yIssues, screenshots } from './support/review'

/** A second person at her own browser (own cookies), on the same app. */
async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL })
  return context.newPage()
}

async function signUpOwner(page: Page, fullName: string, practiceName: string): Promise<string> {
  const email = uniqueEmail(fullName.split(' ')[0]!.toLowerCase())
  const signup = new SignupPage(page)
  await signup.signUpAndSignIn({ fullName, practiceName, email })
  return email
}

async function invite(page: Page, email: string, role: 'doula' | 'admin'): Promise<void> {
  await page.goto('/dashboard/team')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Role', { exact: true }).selectOption(role)
  await page.getByTestId('invite-submit').click()
  await expect(page.getByTestId('invite-form')).toContainText(`Invitation sent to ${email}.`)
  await expect(page.getByTestId('team-invitation').filter({ hasText: email })).toBeVisible()
}

/** Opens the invitation email's button: the sign-in link continues to the accept page. */
async function followInvitation(page: Page, email: string, after: string | null) {
  const mail = await waitForMail(email, after)
  expect(mail.subject).toMatch(/^Join .+ on DoulaOS$/)
  await page.goto(confirmLink(mail).toString())
  await expect(page).toHaveURL(/\/join\?token=/)
  await expect(page.getByText(`You are signed in as ${email}.`)).toBeVisible()
}

test('the owner invites a teammate, who signs in from the email, accepts and sees the practice and its client', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  await signUpOwner(page, 'Maya Okafor', 'Harbor Birth Collective')
  const clients = new ClientsPage(page)
  await clients.create({ firstName: 'Lena', lastName: 'Park', dueDate: dayFromToday(120) })
  const clientUrl = page.url()

  const teammate = uniqueEmail('ana')
  const before = await latestId(teammate)
  await invite(page, teammate, 'doula')
  // The same address again: a field error, nothing new saved.
  await page.getByLabel('Email address').fill(teammate.toUpperCase())
  await page.getByTestId('invite-submit').click()
  await expect(page.locator('#inviteEmail-error')).toHaveText(
    'This address already has a pending invitation. Resend it from the list below.',
  )
  await expect(page.getByTestId('team-invitation')).toHaveCount(1)
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'team')

  const ana = await newPerson(browser)
  await followInvitation(ana, teammate, before)
  const joinUrl = ana.url()
  await expectNoSeriousA11yIssues(ana)
  await screenshots(ana, 'team-join')
  await ana.getByTestId('join-accept').click()
  await expect(ana).toHaveURL(/\/dashboard$/)
  await expect(ana.getByTestId('practice-name').first()).toHaveText('Harbor Birth Collective')
  await ana.goto('/dashboard/clients')
  await expect(ana.getByTestId('clients-row').filter({ hasText: 'Lena Park' })).toBeVisible()

  // The owner sees her on the team, no longer pending, and makes her Lena's primary doula.
  await page.goto('/dashboard/team')
  await expect(page.getByTestId('team-member').filter({ hasText: teammate })).toBeVisible()
  await expect(page.getByTestId('team-invitation')).toHaveCount(0)
  await page.goto(clientUrl)
  const assign = page.getByTestId('assign-doulas')
  await assign.getByLabel('Primary doula').selectOption({ label: teammate })
  await assign.getByLabel('Backup doula').selectOption({ label: teammate })
  await page.getByTestId('assign-doulas-save').click()
  await expect(page.locator('#assignBackup-error')).toHaveText('The backup doula must be someone other than the primary doula.')
  await assign.getByLabel('Backup doula').selectOption({ label: 'Maya Okafor' })
  await page.getByTestId('assign-doulas-save').click()
  await expect(assign).toContainText('Doulas saved.')
  await page.reload()
  await expect(page.getByTestId('assign-doulas').getByLabel('Primary doula')).toHaveValue(/[0-9a-f-]{36}/)
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'team-client-doulas')

  // Her accept page a second time: the invitation is used, and the page says so.
  await ana.goto(joinUrl)
  await ana.getByTestId('join-accept').click()
  await expect(ana.getByTestId('join-refused')).toHaveAttribute('data-reason', 'used')
  await expect(ana.getByRole('heading', { level: 1 })).toHaveText('This invitation has already been used')

  // The owner makes her an admin, then removes her: her next request shows nothing of the practice.
  await page.goto('/dashboard/team')
  const row = page.getByTestId('team-member').filter({ hasText: teammate })
  await row.getByTestId('member-role').selectOption('admin')
  await expect(row.getByTestId('member-role-saved')).toHaveText('Admin role saved.')
  await page.reload()
  await expect(page.getByTestId('team-member').filter({ hasText: teammate }).getByTestId('member-role')).toHaveValue('admin')
  // A second tab of hers still lists Ana: it goes stale with the removal below.
  const stale = await page.context().newPage()
  await stale.goto('/dashboard/team')
  await page.getByTestId('team-member').filter({ hasText: teammate }).getByTestId('member-remove').click()
  await expect(page.getByRole('dialog')).toContainText('She loses access to the practice at once.')
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'team-remove-dialog')
  await page.getByTestId('member-remove-dialog').getByTestId('confirm-remove').click()
  await expect(page.getByTestId('team-member').filter({ hasText: teammate })).toHaveCount(0)
  await expect(page.getByTestId('team-members')).toBeFocused()
  await ana.goto('/dashboard/clients')
  await expect(ana.getByText('Harbor Birth Collective')).toHaveCount(0)
  await expect(ana.getByText('Lena Park')).toHaveCount(0)
  await ana.context().close()

  // The stale tab tries again: the refusal shows inside the dialog, which stays open until dismissed.
  const staleRemove = stale.getByTestId('team-member').filter({ hasText: teammate }).getByTestId('member-remove')
  await staleRemove.click()
  const refused = stale.getByTestId('member-remove-dialog')
  await refused.getByTestId('confirm-remove').click()
  await expect(refused.getByRole('alert')).toHaveText('That team member was not found.')
  await expect(refused).toBeVisible()
  await expectNoSeriousA11yIssues(stale)
  await screenshots(stale, 'team-remove-refused')
  await refused.getByTestId('confirm-cancel').click()
  await expect(refused).toBeHidden()
  await expect(staleRemove).toBeFocused()
  await stale.close()
})

test('an owner of one practice accepts an invitation to a second and switches between the two', async ({ page, browser }) => {
  test.setTimeout(180_000)
  await signUpOwner(page, 'Iris Bell', 'Willow Doula Care')

  const june = await newPerson(browser)
  const juneEmail = await signUpOwner(june, 'June Alvarez', 'Juniper Births')
  await expect(june.getByTestId('practice-name').first()).toHaveText('Juniper Births')

  const before = await latestId(juneEmail)
  await invite(page, juneEmail, 'admin')
  await followInvitation(june, juneEmail, before)
  await june.getByTestId('join-accept').click()
  await expect(june).toHaveURL(/\/dashboard$/)

  const switcher = june.getByTestId('practice-switcher')
  await expect(switcher).toContainText('Willow Doula Care')
  await switcher.click()
  await june.getByRole('menuitemradio', { name: 'Juniper Births' }).click()
  await expect(switcher).toContainText('Juniper Births')
  await june.goto('/dashboard/team')
  await expect(june.getByTestId('team-member')).toHaveCount(1)
  await switcher.click()
  await june.getByRole('menuitemradio', { name: 'Willow Doula Care' }).click()
  await expect(switcher).toContainText('Willow Doula Care')
  await expect(june.getByTestId('team-member')).toHaveCount(2)
  await expectNoSeriousA11yIssues(june)
  await screenshots(june, 'team-switcher')
  await june.context().close()
})
