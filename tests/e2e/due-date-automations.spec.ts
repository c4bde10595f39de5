import type { Page } from '@playwright/test'
import { LOCAL_CRON_SECRET } from '../../scripts/local-env'
import { expect, test, uniqueEmail } from './fixtures'
import { ClientsPage } from './pages/clients-page'
import { confirmLink, latestId, waitForMail } from './support/mailbox'
import { dayFromToday, expectNoSeriousA11yIssues } from './support/review'
import { env, rest } from './support/service-api'

/** axe and a full-page screenshot at both widths. */
async function reviewBothWidths(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await expectNoSeriousA11yIssues(page)
    await page.screenshot({ path: `test-results/screens/${name}-${width}.png`, fullPage: true })
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

const MESSAGE = 'Halfway there! Book your anatomy scan if you have not yet.'

test('an owner gives a template item a message; on its date the cron sends it once, the client page says so, and she reads it in her portal', async ({
  page,
  signupPage,
  browser,
}) => {
  test.setTimeout(180_000)
  await signupPage.signUpAndSignIn({ fullName: 'Nora Field', practiceName: 'Meadow Doulas', email: uniqueEmail('duedate') })
  await page.goto('/dashboard/settings/milestones')
  await expect(page.getByRole('heading', { level: 1, name: 'Milestone template' })).toBeVisible()

  // A message action without a message is refused at the field.
  await page.getByTestId('template-add').click()
  const dialog = page.getByTestId('template-item-dialog')
  await dialog.getByLabel('Name').fill('Halfway check-in')
  await dialog.getByLabel('Number').fill('20')
  await dialog.getByLabel('Counting').selectOption('weeks_pregnant')
  await dialog.getByLabel('What happens').selectOption('send_message')
  await dialog.getByTestId('template-item-save').click()
  await expect(page.locator('#template-action-message-error')).toHaveText('Write the message she will get.')
  await reviewBothWidths(page, 'due-date-template-dialog')
  await dialog.getByLabel('Message').fill(MESSAGE)
  await dialog.getByTestId('template-item-save').click()
  await expect(dialog).toBeHidden()
  const item = page.locator('[data-test="template-item"][data-item="Halfway check-in"]')
  await expect(item.getByTestId('template-item-action')).toHaveText('On its date: message her')
  await reviewBothWidths(page, 'due-date-template')

  // A client 140 days from her due date is 20 weeks today: the milestone's date arrives as she is added
  // (a date already past when she was added would be skipped, as for a client who booked late).
  const clients = new ClientsPage(page)
  await clients.create({ firstName: 'Oona', lastName: 'Reed', dueDate: dayFromToday(140) })
  const clientId = new URL(page.url()).pathname.split('/').pop()!
  const clientEmail = uniqueEmail('oona')
  await rest('PATCH', `/rest/v1/clients?id=eq.${clientId}`, { email: clientEmail })

  // The cron refuses without its secret; with it, it acts once, however often it runs.
  const url = new URL('/api/cron/automations', env('E2E_BASE_URL'))
  expect((await fetch(url)).status).toBe(401)
  const cron = { headers: { Authorization: `Bearer ${LOCAL_CRON_SECRET}` } }
  const first = await fetch(url, cron)
  expect(first.status).toBe(200)
  expect((await first.json()).due).toBeGreaterThanOrEqual(1)
  expect((await fetch(url, cron)).status).toBe(200)

  await page.goto(`/dashboard/clients/${clientId}`)
  const history = page.getByTestId('automation-history')
  await expect(history.getByTestId('automation-run')).toHaveCount(1)
  await expect(history.getByTestId('automation-run')).toContainText(`Message: ${MESSAGE}`)
  await expect(history.getByTestId('automation-run')).toContainText('On the date of “Halfway check-in”')
  await expect(history.getByTestId('automation-run')).toContainText('Done')
  await reviewBothWidths(page, 'due-date-client-history')

  // The inbox and the doula's thread mark it as sent automatically, from the practice's side.
  await page.goto('/dashboard/messages')
  await expect(page.getByTestId('inbox-thread').filter({ hasText: 'Oona' })).toContainText('Sent automatically ·')
  await page.goto(`/dashboard/messages/${clientId}`)
  await expect(page.getByTestId('message')).toContainText(MESSAGE)
  await expect(page.getByTestId('message-automated')).toHaveText(' · Sent automatically')
  await page.goto(`/dashboard/clients/${clientId}`)

  // She accepts her invitation and finds the message from the practice in her thread.
  const invitedBefore = await latestId(clientEmail)
  await page.getByTestId('invite-to-portal-send').click()
  const invitation = await waitForMail(clientEmail, invitedBefore)
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const portal = await context.newPage()
  await portal.goto(confirmLink(invitation).toString())
  await portal.getByTestId('portal-join-accept').click()
  await expect(portal).toHaveURL(/\/portal$/)
  await portal.goto('/portal/messages')
  await expect(portal.getByTestId('message')).toHaveCount(1)
  await expect(portal.getByTestId('message')).toContainText(MESSAGE)
  await expect(portal.getByTestId('message')).toContainText('Meadow Doulas wrote:')
  await expect(portal.getByTestId('message-automated')).toHaveCount(0)
  await expectNoSeriousA11yIssues(portal)
  await portal.screenshot({ path: 'test-results/screens/due-date-portal-message-390.png', fullPage: true })
  await context.close()
})
