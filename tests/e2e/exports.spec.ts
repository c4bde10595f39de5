import { readFile } from 'node:fs/promises'
import type { Download, Page } from '@playwright/test'
import { expect, test, uniqueEmail } from './fixtures'
import { ClientsPage } from './pages/clients-page'
import { dayFromToday, expectNoSeriousA11yIssues, screenshots } from './support/review'

async function downloaded(page: Page, start: () => Promise<void>): Promise<{ name: string; lines: string[] }> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), start()])
  const text = await readFile(await download.path(), 'utf8')
  return { name: download.suggestedFilename(), lines: text.split('\r\n').slice(0, -1) }
}

test('a doula exports her filtered client list and a range of appointments as CSV', async ({ page, signupPage }) => {
  test.setTimeout(180_000)
  await signupPage.signUpAndSignIn({ fullName: 'Rosa Díaz', practiceName: 'Export Doula Care', email: uniqueEmail('exports') })

  const clients = new ClientsPage(page)
  await clients.create({ firstName: '=SUM(1)', lastName: 'Formula', dueDate: dayFromToday(100) })
  await clients.create({ firstName: 'Maya', lastName: 'Lopez', dueDate: dayFromToday(120) })

  // The export carries the list's current filters.
  await clients.gotoList()
  await page.getByTestId('clients-search').fill('formula')
  await page.getByTestId('clients-search').press('Enter')
  await expect(page.getByTestId('clients-row')).toHaveCount(1)
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'clients-export')
  const list = await downloaded(page, () => page.getByTestId('clients-export').click())
  expect(list.name).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.csv$/)
  expect(list.lines).toHaveLength(2)
  expect(list.lines[0]).toBe('first_name,last_name,preferred_name,email,phone,status,due_date,primary_doula,backup_doula,archived')
  expect(list.lines[1]).toMatch(/^'=SUM\(1\),Formula,/)

  // Appointments: a backwards range is refused on its field, a good one downloads.
  await page.goto('/dashboard/calendar')
  const panel = page.getByTestId('appointments-export')
  await panel.getByTestId('appointments-export-from').fill(dayFromToday(10))
  await panel.getByTestId('appointments-export-to').fill(dayFromToday(5))
  await panel.getByTestId('appointments-export-submit').click()
  await expect(panel.getByText('The end date must be on or after the start date.')).toBeVisible()
  await expect(panel.getByTestId('appointments-export-to')).toHaveAttribute('aria-invalid', 'true')
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'appointments-export-error')
  await panel.getByTestId('appointments-export-to').fill(dayFromToday(40))
  const range = await downloaded(page, () => panel.getByTestId('appointments-export-submit').click())
  expect(range.name).toBe(`appointments-${dayFromToday(10)}-to-${dayFromToday(40)}.csv`)
  expect(range.lines).toEqual(['date,start,end_date,end,time_zone,client,kind,status,doula,location,shared_with_client'])

  // Another practice's id gets a refusal, not a file.
  const foreign = await page.request.get(`/api/export/clients?practice=00000000-0000-4000-8000-000000000000`)
  expect(foreign.status()).toBe(403)
})
