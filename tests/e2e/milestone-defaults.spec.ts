import { expect, test, uniqueEmail } from './fixtures'
import { ClientsPage } from './pages/clients-page'
import { rest } from './support/service-api'
import { dayFromToday, expectNoSeriousA11yIssues } from './support/review'

test('a new client’s milestones stay private until shared, and those past when she booked are not alarms', async ({ page, signupPage }) => {
  test.setTimeout(120_000)
  const practiceName = `Quiet Start Doulas ${Date.now()}`
  await signupPage.signUpAndSignIn({ fullName: 'Nora Quill', practiceName, email: uniqueEmail('quiet') })

  // The template shares nothing until the practice says so, and a new item starts private too.
  await page.goto('/dashboard/settings/milestones')
  await expect(page.getByTestId('template-item')).toHaveCount(9)
  await expect(page.getByTestId('template-item').filter({ hasText: 'Shared with the client' })).toHaveCount(0)
  await page.getByTestId('template-add').click()
  await expect(page.getByLabel('Show it in the client\'s portal')).not.toBeChecked()
  await page.keyboard.press('Escape')

  // Booked at 30 weeks: the 20- and 28-week items were already behind her.
  const clients = new ClientsPage(page)
  await clients.create({ firstName: 'Ada', lastName: 'Vance', dueDate: dayFromToday(70) })
  const clientUrl = page.url()
  const [practice] = await rest<{ id: string }[]>('GET', `/rest/v1/practices?select=id&name=eq.${encodeURIComponent(practiceName)}`)
  const [journey] = await rest<{ id: string; client_id: string }[]>('GET', `/rest/v1/journeys?select=id,client_id&practice_id=eq.${practice!.id}`)
  // One she really missed: planned ten days ago for three days ago.
  await rest('POST', '/rest/v1/milestones', {
    practice_id: practice!.id, client_id: journey!.client_id, journey_id: journey!.id, title: 'Hospital tour',
    due_on: dayFromToday(-3), created_at: new Date(Date.now() - 10 * 86_400_000).toISOString(),
  })

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(clientUrl)
    const rows = page.getByTestId('milestone')
    await expect(rows).toHaveCount(10)
    // One control per row says whether she sees it, and none is on.
    for (const row of await rows.all()) {
      await expect(row.getByText(/shared/i)).toHaveCount(1)
      await expect(row.getByRole('switch')).toHaveAttribute('aria-checked', 'false')
    }
    for (const title of ['Consultation and service agreement', 'First prenatal visit']) {
      const row = page.locator(`[data-milestone="${title}"]`)
      await expect(row).toHaveAttribute('data-timing', 'before-planned')
      await expect(row).toContainText('Before she booked')
      await expect(row).not.toContainText('past its date')
    }
    await expect(page.locator('[data-timing="overdue"]')).toHaveCount(1)
    await expect(page.locator('[data-milestone="Hospital tour"]')).toHaveAttribute('data-timing', 'overdue')
    await expect(page.locator('[data-milestone="Hospital tour"]')).toContainText('past its date')
    await expectNoSeriousA11yIssues(page)
    await page.screenshot({ path: `test-results/screens/milestone-defaults-${width}.png`, fullPage: true })
  }

  // Sharing is one click on that control.
  const due = page.locator('[data-milestone="Estimated due date"]')
  await due.getByRole('switch', { name: 'Shared “Estimated due date” with her' }).click()
  await expect(due.getByRole('switch')).toHaveAttribute('aria-checked', 'true')
  await page.reload()
  await expect(due.getByRole('switch')).toHaveAttribute('aria-checked', 'true')
})
