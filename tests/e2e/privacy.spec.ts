import { expect as pwExpect, type Page } from '@playwright/test'
import { ClientsPage } from './pages/clients-page'
import { confirmLink, latestId, waitForMail } from './support/mailbox'
import { expect, test, uniqueEmail } from './fixtures'
import { expectNoSeriousA11yIssues, screenshots } from './support/review'
import { rest } from './support/service-api'

/** Settings → Danger zone, as the owner sees it. */
class DangerZonePage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/dashboard/settings/danger')
    await pwExpect(this.page.getByRole('heading', { name: 'Danger zone' })).toBeVisible()
  }

  count(label: string) {
    return this.page.getByTestId('danger-counts').locator('li', { hasText: label })
  }

  async deletePractice(name: string) {
    const submit = this.page.getByTestId('danger-submit')
    await pwExpect(submit).toBeDisabled()
    await this.page.getByTestId('danger-input').fill(name)
    await submit.click()
  }
}

test.describe('exporting', () => {
  test('the owner downloads the export five times in an hour, then is told when she can again', async ({ page, signupPage, dashboardPage }) => {
    const email = uniqueEmail('export')
    const practice = 'Juniper Birth Collective'
    await signupPage.goto()
    await signupPage.signUp({ fullName: 'Rosa Lind', practiceName: practice, email })
    await page.goto(confirmLink(await waitForMail(email)).toString())
    await dashboardPage.expectPractice(practice)

    await page.goto('/dashboard/settings/data')
    const start = page.getByTestId('export-start')
    for (let i = 0; i < 5; i++) {
      const download = page.waitForEvent('download')
      await start.click()
      expect((await download).suggestedFilename()).toMatch(/^doulaos-export-\d{4}-\d{2}-\d{2}\.zip$/)
      await expect(page.getByText(/Your export \(.+\) has been saved/)).toBeVisible()
    }
    await start.click()
    await expect(page.getByText('You can make 5 exports an hour. Please try again in 60 minutes.')).toBeVisible()
    await screenshots(page, 'export-rate-limited')
  })
})

test.describe('deleting one client', () => {
  test('the owner types her name, and she is gone from the list', async ({ page, signupPage, dashboardPage }) => {
    const email = uniqueEmail('erase-client')
    await signupPage.goto()
    await signupPage.signUp({ fullName: 'Lena Hart', practiceName: 'Linden Doula Studio', email })
    await page.goto(confirmLink(await waitForMail(email)).toString())
    await dashboardPage.expectPractice('Linden Doula Studio')

    const clients = new ClientsPage(page)
    await clients.create({ firstName: 'Edda', lastName: 'Gone', dueDate: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10) })
    await page.getByTestId('delete-client').locator('summary').click()
    const submit = page.getByTestId('delete-client-submit')
    await page.getByTestId('delete-client-input').fill('Edda')
    await expect(submit).toBeDisabled()
    await page.getByLabel('Type "Edda Gone" to confirm').fill('Edda Gone')
    await screenshots(page, 'delete-client')
    await submit.click()
    await expect(page).toHaveURL(/\/dashboard\/clients$/)
    await expect(page.getByText('Edda Gone')).toHaveCount(0)
  })
})

test.describe('deleting the account', () => {
  test('the owner sees what will be destroyed, types the name, and ends signed out on a page that says so', async ({
    page,
    signupPage,
    dashboardPage,
  }) => {
    const email = uniqueEmail('closing')
    const practice = 'Cedar Grove Doulas'
    await signupPage.goto()
    await signupPage.signUp({ fullName: 'Ines Moreau', practiceName: practice, email })
    await page.goto(confirmLink(await waitForMail(email)).toString())
    await dashboardPage.expectPractice(practice)

    const danger = new DangerZonePage(page)
    await danger.goto()
    await expect(danger.count('practices')).toContainText('1')
    await expect(danger.count('practice members')).toContainText('1')
    await expect(danger.count('logins (used only here)')).toContainText('1')

    await screenshots(page, 'danger-zone')
    const before = await latestId(email)
    await danger.deletePractice(practice)
    await expect(page).toHaveURL(/\/account-deleted$/)
    await expect(page.getByTestId('account-deleted-message')).toContainText('signed out')

    const receipt = await waitForMail(email, before)
    expect(receipt.subject).toBe('Your DoulaOS deletion receipt')
    expect(receipt.text).toContain('practices: 1')

    await page.goto('/dashboard')
    await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/)
  })
})

test.describe('hostile input', () => {
  test('a mangled audit page, CSV cursor or cross-site form answers a clear 4xx', async ({ page, signupPage }) => {
    const practice = 'Willow Bend Doulas'
    await signupPage.signUpAndSignIn({ fullName: 'Nora Quinn', practiceName: practice, email: uniqueEmail('hostile') })
    const [row] = await rest<{ id: string }[]>('GET', `/rest/v1/practices?select=id&name=eq.${encodeURIComponent(practice)}`)

    for (const after of ['::::::::::~1', '-----------~0', '2026-12-05T10:00:00Z~9223372036854775808']) {
      const response = await page.goto(`/dashboard/settings/audit?after=${encodeURIComponent(after)}`)
      expect(response!.status()).toBe(404)
      await expect(page.getByTestId('audit-page-not-found')).toContainText('This page of the audit log does not exist.')
      await expect(page).toHaveTitle('Audit log page not found · DoulaOS')
      const csv = await page.request.get(`/api/export/audit?practice=${row!.id}&after=${encodeURIComponent(after)}`)
      expect(csv.status()).toBe(400)
      expect(await csv.text()).toContain('Check the filters and try again.')
    }
    await screenshots(page, 'audit-page-not-found')

    const forged = await page.request.post('/dashboard/settings', {
      headers: { 'Next-Action': 'a'.repeat(42), Origin: 'https://evil.example' },
      data: '[]',
    })
    expect(forged.status()).toBe(403)
    expect(await forged.text()).toBe('This form was sent from another site, so it was refused.')
  })

  test('a client, form or conversation the practice does not have is a 404 titled as one, inside the dashboard', async ({ page, signupPage }) => {
    await signupPage.signUpAndSignIn({ fullName: 'Ada Brook', practiceName: 'Brook Birth Care', email: uniqueEmail('missing') })
    const missing = '00000000-0000-4000-8000-000000000000'
    for (const path of [
      `/dashboard/clients/${missing}`,
      '/dashboard/clients/not-a-client',
      `/dashboard/clients/${missing}/edit`,
      `/dashboard/clients/${missing}/forms/${missing}`,
      `/dashboard/messages/${missing}`,
      `/dashboard/settings/forms/${missing}`,
    ]) {
      const response = await page.goto(path)
      expect(response!.status(), path).toBe(404)
      await expect(page, path).toHaveTitle('Page not found · DoulaOS')
      await expect(page.getByTestId('dashboard-not-found'), path).toContainText('There is nothing at this address in your practice.')
      await expect(page.getByRole('navigation', { name: 'Main' }), path).toBeVisible()
    }
    await expectNoSeriousA11yIssues(page)
    await screenshots(page, 'dashboard-not-found')
    await page.getByRole('link', { name: 'Back to today' }).click()
    await expect(page).toHaveURL(/\/dashboard$/)
    await expect(page).toHaveTitle(/^Today\b/)

    const unknown = await page.goto('/no-such-page')
    expect(unknown!.status()).toBe(404)
    await expect(page).toHaveTitle('Page not found · DoulaOS')
  })
})
