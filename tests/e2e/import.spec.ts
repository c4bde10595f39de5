import type { Page } from '@playwright/test'
import { expect, test, uniqueEmail } from './fixtures'
import { ClientsPage } from './pages/clients-page'
import { dayFromToday, expectNoSeriousA11yIssues, screenshots } from './support/review'

/** axe at both widths the app is reviewed at, then the screenshots. */
async function review(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await expectNoSeriousA11yIssues(page)
  }
  await screenshots(page, name)
}

const upload = (page: Page, name: string, text: string) => page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })

test('a doula imports clients from a CSV: upload, map, preview with errors, import, report', async ({ page, signupPage }) => {
  test.setTimeout(180_000)
  await signupPage.signUpAndSignIn({
    fullName: 'Ivy Chen',
    practiceName: 'Import Doula Care',
    email: uniqueEmail('import'),
  })
  const existing = uniqueEmail('existing')
  const clients = new ClientsPage(page)
  await clients.openNew()
  await clients.fill({
    firstName: 'Existing',
    lastName: 'Client',
    dueDate: dayFromToday(100),
  })
  await page.getByTestId('client-email').fill(existing)
  await clients.submit()
  await expect(page.getByRole('heading', { level: 1, name: 'Existing Client' })).toBeVisible()

  await clients.gotoList()
  await page.getByTestId('clients-import').click()
  await expect(page).toHaveURL(/\/dashboard\/clients\/import$/)

  // A malformed file is refused as a whole.
  await upload(page, 'broken.csv', 'Client,Mail\n"Unclosed,x@example.com\n')
  await expect(page.getByRole('alert').filter({ hasText: 'is never closed' })).toBeVisible()

  // Headers the guess does not know: the doula maps them herself.
  const csv = [
    'Client,Contact,EDD,Who',
    `Nora Good,nora@example.com,${dayFromToday(80)},she/her`,
    `Olga Good,olga@example.com,,`,
    `Pia Baddate,pia@example.com,2027-13-01,`,
    `Quinn Bademail,quinn-at-example,,`,
    `Rae Dup,nora@example.com,,`,
    `Sue Existing,${existing},,`,
  ].join('\n')
  await upload(page, 'clients.csv', csv)
  await expect(page.getByTestId('map-fullName')).toHaveValue('0')
  await expect(page.getByTestId('map-email')).toHaveValue('')
  await page.getByTestId('map-email').selectOption({ label: 'Contact' })
  await page.getByTestId('map-dueDate').selectOption({ label: 'EDD' })
  await page.getByTestId('map-pronouns').selectOption({ label: 'Who' })
  await expect(page.getByTestId('import-summary')).toHaveText('2 of 6 rows can be imported; 4 have problems and will be skipped.')
  const problems = page.getByTestId('import-problems')
  await expect(problems).toContainText('Line 4 · Pia Baddate')
  await expect(problems).toContainText('"2027-13-01" is not a real date.')
  await expect(problems).toContainText('Enter a valid email address')
  await expect(problems).toContainText('Same email as line 2 of this file.')
  await expect(problems).toContainText('A client of your practice already uses this email address.')
  await review(page, 'import-preview')

  await page.getByTestId('import-submit').click()
  await expect(page.getByTestId('import-report')).toHaveText('Imported 2 clients; skipped 4.')
  await expect(page.getByTestId('import-problems')).toContainText('Line 6 · Rae Dup')
  await review(page, 'import-report')

  await clients.gotoList()
  await expect(page.getByTestId('clients-row').filter({ hasText: 'Nora Good' })).toHaveCount(1)
  await expect(page.getByTestId('clients-row').filter({ hasText: 'Olga Good' })).toHaveCount(1)
  await expect(page.getByTestId('clients-row').filter({ hasText: 'Pia' })).toHaveCount(0)
})

test('a doula switching tools imports dates in her own format and her past clients', async ({ page, signupPage }) => {
  test.setTimeout(180_000)
  await signupPage.signUpAndSignIn({
    fullName: 'Jo Marsh',
    practiceName: 'Switching Doula Care',
    email: uniqueEmail('import-dates'),
  })
  await page.goto('/dashboard/clients/import')
  // A day after the 12th, so the same text read month first is no date at all.
  const soon = [100, 105, 110, 115, 120].map((n) => dayFromToday(n)).find((date) => Number(date.slice(8)) > 12)!
  const [y, m, d] = soon.split('-')
  const spelled = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' })
  const past = dayFromToday(-300)
  const spelledShort = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })
  const csv = [
    'Name,Email,Due date',
    `Kim Soon,kim@example.com,${Number(d)}/${Number(m)}/${y}`,
    `Lou Past,lou@example.com,"${spelled(past)}"`,
    `Mo Ancient,mo@example.com,${dayFromToday(-1500)}`,
    `Ned Typo,ned@example.com,31/31/2027`,
  ].join('\n')
  await upload(page, 'from-other-tool.csv', csv)
  await expect(page.getByTestId('map-date-order')).toHaveValue('month-first')
  const problems = page.getByTestId('import-problems')
  await expect(problems).toContainText(`Line 2 · Kim Soon"${Number(d)}/${Number(m)}/${y}" is not a real date.`)
  await expect(problems).toContainText('Line 4 · Mo Ancient')
  await expect(problems).toContainText('is more than 3 years ago. Check the year.')
  await expect(problems).toContainText('"31/31/2027" is not a real date.')
  await expect(page.getByTestId('import-summary')).toHaveText(
    '1 of 4 rows can be imported; 3 have problems and will be skipped. 1 is a past client (due more than 6 weeks ago), imported without a timeline.',
  )

  await page.getByTestId('map-date-order').selectOption('day-first')
  await expect(page.getByTestId('import-summary')).toHaveText(
    '2 of 4 rows can be imported; 2 have problems and will be skipped. 1 is a past client (due more than 6 weeks ago), imported without a timeline.',
  )
  const dates = page.getByTestId('import-dates')
  const soonRead = new Date(`${soon}T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' })
  await expect(dates).toContainText(`Line 2 · Kim Soon${Number(d)}/${Number(m)}/${y} → ${soonRead}`)
  await expect(dates).toContainText(`Line 3 · Lou Past${spelled(past)} →`)
  await expect(dates).toContainText('A past client: imported as Complete, without a timeline.')
  await expect(dates).toContainText('31/31/2027 → not read')
  await review(page, 'import-dates-preview')

  await page.getByTestId('import-submit').click()
  await expect(page.getByTestId('import-report')).toHaveText('Imported 2 clients; skipped 2.')
  await review(page, 'import-dates-report')
  // The phone list names each client's status: the past client is there, and complete.
  await page.setViewportSize({ width: 390, height: 900 })
  await page.goto('/dashboard/clients')
  await expect(page.getByRole('link', { name: new RegExp(`^Lou Past .*Due ${spelledShort(past)} Complete$`) })).toBeVisible()
  await expect(page.getByRole('link', { name: /^Kim Soon .* Lead$/ })).toBeVisible()
})
