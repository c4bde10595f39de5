import type { Locator, Page } from '@playwright/test'
import { expect, test, uniqueEmail } from './fixtures'
import { ClientsPage } from './pages/clients-page'
import { dayFromToday, expectNoSeriousA11yIssues, screenshots } from './support/review'

/** Moves focus with the Tab key only, until `target` has it. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 25; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  await expect(target).toBeFocused()
}

test('a doula books, sees, edits and cancels appointments, warned when double-booked', async ({ page, signupPage }) => {
  test.setTimeout(240_000)
  const email = uniqueEmail('calendar')
  await signupPage.signUpAndSignIn({ fullName: 'Rosa Díaz', practiceName: 'Bloom Doula Care', email })

  const clients = new ClientsPage(page)
  // Due in 10 days: on call from 4 days ago (38w0d) through 24 days ahead (42w0d).
  await clients.create({ firstName: 'Maya', lastName: 'Lopez', dueDate: dayFromToday(10) })
  const clientUrl = page.url()
  const date = dayFromToday(2)

  // Book from her Appointments tab.
  await page.goto(`${clientUrl}?tab=appointments`)
  const book = async (start: string, end: string) => {
    await page.getByTestId('new-appointment').first().click()
    const form = page.getByTestId('appointment-form')
    await form.getByTestId('appointment-doula').selectOption({ label: 'Rosa Díaz' })
    await form.getByTestId('appointment-date').fill(date)
    await form.getByTestId('appointment-start').fill(start)
    await form.getByTestId('appointment-end').fill(end)
    return form
  }
  await (await book('10:00', '11:00')).getByTestId('appointment-submit').click()
  await expect(page.getByTestId('appointment-row')).toHaveCount(1)

  // A second booking that overlaps: the conflict is shown and must be confirmed.
  const second = await book('10:30', '11:30')
  await expect(second.getByTestId('appointment-conflict')).toContainText(/Maya Lopez, \w{3}, \w{3} \d+, 10:00 AM – 11:00 AM/)
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'appointment-conflict')
  await second.getByTestId('appointment-submit').click()
  await expect(second.getByTestId('appointment-conflict')).toContainText('Confirm to book anyway')
  await second.getByTestId('appointment-book-anyway').check()
  await second.getByTestId('appointment-submit').click()
  await expect(page.getByTestId('appointment-row')).toHaveCount(2)

  // Both show in the week and the month views, with her on-call window in the lane.
  await page.goto(`/dashboard/calendar?view=week&date=${date}`)
  const day = page.locator(`[data-test="calendar-day"][data-date="${date}"]`)
  await expect(day.getByTestId('calendar-appointment')).toHaveCount(2)
  await expect(day.getByTestId('on-call-lane')).toContainText('Maya Lopez')
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'calendar-week')
  await page.getByTestId('calendar-view-month').click()
  await expect(page).toHaveURL(/view=month/)
  await expect(page.locator(`[data-test="calendar-day"][data-date="${date}"]`).getByTestId('calendar-appointment')).toHaveCount(2)
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'calendar-month')
  await page.getByTestId('calendar-view-agenda').click()
  await expect(page.getByTestId('agenda')).toContainText('Maya Lopez')

  // Edit one (move it to the afternoon), then cancel the other after confirming.
  await page.goto(`${clientUrl}?tab=appointments`)
  await page.getByTestId('appointment-edit').first().click()
  const edit = page.getByTestId('appointment-form')
  await edit.getByTestId('appointment-start').fill('14:00')
  await edit.getByTestId('appointment-end').fill('15:00')
  await edit.getByTestId('appointment-submit').click()
  await expect(page.getByTestId('client-appointments')).toContainText('2:00 PM')
  // "Keep it" backs out (focus back on the button); confirming marks her row cancelled and focuses it.
  const cancelButton = page.getByTestId('appointment-cancel').first()
  const cancelDialog = page.getByTestId('appointment-cancel-dialog')
  await cancelButton.click()
  await expect(cancelDialog.getByTestId('confirm-cancel')).toHaveText('Keep it')
  await expect(cancelDialog.getByTestId('confirm-remove')).toHaveText('Cancel appointment')
  await cancelDialog.getByTestId('confirm-cancel').click()
  await expect(cancelDialog).toBeHidden()
  await expect(cancelButton).toBeFocused()
  await expect(page.locator('[data-test="appointment-row"][data-status="cancelled"]')).toHaveCount(0)
  await cancelButton.click()
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'appointment-cancel-dialog')
  await cancelDialog.getByTestId('confirm-remove').click()
  const cancelledRow = page.locator('[data-test="appointment-row"][data-status="cancelled"]')
  await expect(cancelledRow).toHaveCount(1)
  await expect(cancelledRow).toBeFocused()

  await page.goto(`/dashboard/calendar?view=week&date=${date}`)
  await expect(day.getByTestId('calendar-appointment')).toHaveCount(1)
  await page.goto(`/dashboard/calendar?view=week&date=${date}&cancelled=show`)
  await expect(day.locator('[data-test="calendar-appointment"][data-status="cancelled"]')).toHaveCount(1)

  // An overnight birth: the end date follows the start date until she changes it; every range names the next day.
  const birthDate = dayFromToday(5)
  const nextDay = dayFromToday(6)
  const nextWeekday = new Date(`${nextDay}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' })
  const overnight = `10:00 PM – ${nextWeekday} 4:00 AM`
  await page.goto(`${clientUrl}?tab=appointments`)
  await page.getByTestId('new-appointment').first().click()
  const night = page.getByTestId('appointment-form')
  await night.getByTestId('appointment-kind').selectOption('birth')
  await night.getByTestId('appointment-date').fill(birthDate)
  await expect(night.getByTestId('appointment-end-date')).toHaveValue(birthDate)
  await night.getByTestId('appointment-start').fill('22:00')
  await night.getByTestId('appointment-end').fill('04:00')
  await night.getByTestId('appointment-submit').click()
  await expect(night).toContainText('The appointment must end after it starts.')
  await night.getByTestId('appointment-end-date').fill(nextDay)
  await expect(night).not.toContainText('The appointment must end after it starts.')
  await screenshots(page, 'appointment-overnight-form')
  await night.getByTestId('appointment-submit').click()
  await expect(night).toBeHidden()
  await expect(page.getByTestId('client-appointments')).toContainText(overnight)
  await page.goto(`/dashboard/calendar?view=agenda&date=${birthDate}`)
  await expect(page.getByTestId('agenda')).toContainText(overnight)
  await screenshots(page, 'calendar-agenda-overnight')
  await page.goto(`/dashboard/calendar?view=week&date=${birthDate}`)
  await expect(page.locator(`[data-test="calendar-day"][data-date="${birthDate}"]`).getByTestId('calendar-appointment')).toContainText(`– ${nextWeekday} 4:00 AM`)
  // The morning after is not free: the birth shows again there, until it ends (in that day's own week too).
  await page.goto(`/dashboard/calendar?view=week&date=${nextDay}`)
  const morning = page.locator(`[data-test="calendar-day"][data-date="${nextDay}"]`).locator('[data-test="calendar-appointment"][data-continued]')
  await expect(morning).toContainText('until 4:00 AM Maya Lopez')
  await expect(morning).toContainText('Birth, continued')
  await screenshots(page, 'calendar-week-overnight')
})

test('booking from the calendar works with the keyboard alone, and the feed URL is shown once', async ({ page, signupPage }) => {
  test.setTimeout(180_000)
  const email = uniqueEmail('calendar-kbd')
  await signupPage.signUpAndSignIn({ fullName: 'Ana Kay', practiceName: 'Keys Doula Care', email })
  await new ClientsPage(page).create({ firstName: 'Zoe', lastName: 'Keys', dueDate: dayFromToday(90) })

  const date = dayFromToday(3)
  await page.goto(`/dashboard/calendar?view=week&date=${date}`)
  await tabTo(page, page.getByTestId('new-appointment'))
  await page.keyboard.press('Enter')
  const form = page.getByTestId('appointment-form')
  await tabTo(page, form.getByTestId('appointment-client'))
  await page.keyboard.type('Zoe')
  await expect(form.getByTestId('appointment-client')).toHaveValue(/[0-9a-f-]{36}/)
  await tabTo(page, form.getByTestId('appointment-date'))
  const [y, m, d] = date.split('-')
  await page.keyboard.type(`${m}${d}${y}`)
  await expect(form.getByTestId('appointment-date')).toHaveValue(date)
  await tabTo(page, form.getByTestId('appointment-start'))
  await page.keyboard.type('0900AM')
  await tabTo(page, form.getByTestId('appointment-end'))
  await page.keyboard.type('1000AM')
  await expect(form.getByTestId('appointment-end')).toHaveValue('10:00')
  await tabTo(page, form.getByTestId('appointment-submit'))
  await page.keyboard.press('Enter')
  await expect(form).toBeHidden()
  await expect(page.locator(`[data-test="calendar-day"][data-date="${date}"]`).getByTestId('calendar-appointment')).toContainText('Zoe Keys')

  // The subscription feed: the URL appears once and serves the calendar.
  await page.getByTestId('feed-create').click()
  const url = await page.getByTestId('feed-url').inputValue()
  expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}$/)
  const feed = await page.request.get(url)
  expect(feed.status()).toBe(200)
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8')
  expect(await feed.text()).toContain('Zoe Keys')
  await page.reload()
  await expect(page.getByTestId('feed-url')).toHaveCount(0)
  await expect(page.getByTestId('feed-status')).toBeVisible()
  await page.getByTestId('feed-revoke').click()
  await expect(page.getByTestId('feed-status')).toHaveCount(0)
  expect((await page.request.get(url)).status()).toBe(404)
})
