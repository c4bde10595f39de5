import type { Page } from '@playwright/test'
import { expect, test, uniqueEmail } from './fixtures'
import { ClientsPage } from './pages/clients-page'
import { dayFromToday, expectNoSeriousA11yIssues } from './support/review'

/** axe and a full-page screenshot at both widths. */
async function reviewBothWidths(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await expectNoSeriousA11yIssues(page)
    await page.screenshot({ path: `test-results/screens/${name}-${width}.png`, fullPage: true })
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

test('an owner adds a status rule; a new client gets its to-do and the client page says when', async ({ page, signupPage }) => {
  test.setTimeout(180_000)
  await signupPage.signUpAndSignIn({ fullName: 'Ada Stone', practiceName: 'Brook Doulas', email: uniqueEmail('rules') })
  await page.goto('/dashboard/settings')
  await page.getByTestId('settings-automations').click()
  await expect(page.getByRole('heading', { level: 1, name: 'Automations' })).toBeVisible()

  // A to-do rule without a title, and a form rule without a form, are refused at the field.
  const form = page.getByTestId('automation-rule-form')
  await form.getByLabel('When a journey becomes').selectOption({ label: 'Booked' })
  await form.getByTestId('automation-rule-add').click()
  await expect(page.locator('#taskTitle-error')).toHaveText('Say what the to-do is.')
  await form.getByLabel('Do this').selectOption('send_form')
  await form.getByTestId('automation-rule-add').click()
  await expect(page.locator('#templateId-error')).toHaveText('Choose a form to send.')

  await form.getByLabel('Do this').selectOption('create_task')
  await form.getByLabel('To-do').fill('Send the welcome packet')
  await form.getByTestId('automation-rule-add').click()
  await expect(page.getByTestId('automation-rule')).toHaveCount(1)
  await expect(page.getByTestId('automation-rule')).toContainText('When a journey becomes Booked: add the to-do “Send the welcome packet”')
  await reviewBothWidths(page, 'automations-settings')

  // A new booked client fires it once: the to-do is on her page, and the history card says what and when.
  const clients = new ClientsPage(page)
  await clients.create({ firstName: 'Iris', lastName: 'Vale', dueDate: dayFromToday(100) })
  await expect(page.getByRole('heading', { level: 1, name: 'Iris Vale' })).toBeVisible()
  await expect(page.getByTestId('task-list').getByTestId('task')).toContainText('Send the welcome packet')
  const history = page.getByTestId('automation-history')
  await expect(history.getByTestId('automation-run')).toHaveCount(1)
  await expect(history.getByTestId('automation-run')).toContainText('To-do: Send the welcome packet')
  await expect(history.getByTestId('automation-run')).toContainText('When she became Booked')
  await expect(history.getByTestId('automation-run')).toContainText('Done')
  await reviewBothWidths(page, 'automations-client-history')

  // Removing the rule empties the list.
  await page.goto('/dashboard/settings/automations')
  await page.getByTestId('automation-rule-remove').click()
  await expect(page.getByTestId('automation-rule')).toHaveCount(0)
  await expect(page.getByText('No automations yet.')).toBeVisible()
})
