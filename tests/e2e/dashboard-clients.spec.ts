import { expect, test, uniqueEmail } from './fixtures'
import { ClientsPage } from './pages/clients-page'
import { dayFromToday, expectNoSeriousA11yIssues, screenshots } from './support/review'

test('a doula adds a client, sees her pregnancy at a glance, is warned about capacity and keeps a private note', async ({ page, signupPage }) => {
  test.setTimeout(180_000)
  const email = uniqueEmail('clients')
  await signupPage.signUpAndSignIn({ fullName: 'Rosa Díaz', practiceName: 'Bloom Doula Care', email })

  const clients = new ClientsPage(page)
  await clients.gotoList()
  await expect(page.getByTestId('clients-empty')).toBeVisible()
  await expectNoSeriousA11yIssues(page)

  // 100 days to the due date is 25w 5d today.
  await clients.openNew()
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'client-new')
  await clients.fill({ firstName: 'Maya', lastName: 'Lopez', dueDate: dayFromToday(100) })
  await expect(page.getByTestId('capacity-panel')).toContainText('No other booked client is on call then.')
  await clients.submit()
  await expect(page.getByRole('heading', { level: 1, name: 'Maya Lopez' })).toBeVisible()
  await expect(page.getByTestId('client-gestational-age')).toHaveText('25w 5d')
  await expect(page.getByTestId('client-days-to-due')).toHaveText('100 days to go')
  await expect(page.getByTestId('client-on-call')).toContainText('–')
  await expect(page.getByTestId('client-milestones')).toContainText('Estimated due date')
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'client-overview')

  // The practice's default rule is 4 due dates within 30 days: three more fill it, the fifth warns.
  for (const [i, name] of ['Ana', 'Bea', 'Cleo'].entries()) {
    await clients.create({ firstName: name, lastName: 'Near', dueDate: dayFromToday(101 + i) })
  }
  await clients.openNew()
  await clients.fill({ firstName: 'Dora', lastName: 'Full', dueDate: dayFromToday(104) })
  const panel = page.getByTestId('capacity-panel')
  await expect(panel).toContainText('This breaks your rule of at most 4 due dates within 30 days.')
  await expect(page.getByTestId('capacity-overlaps')).toContainText('Maya Lopez')
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'client-capacity-warning')
  await page.getByTestId('client-accept-capacity').check()
  await clients.submit()
  await expect(page.getByRole('heading', { level: 1, name: 'Dora Full' })).toBeVisible()

  // The list: search and the due-date sort.
  await clients.gotoList()
  await expect(page.getByTestId('clients-row')).toHaveCount(5)
  await page.getByTestId('clients-search').fill('maya')
  await page.getByTestId('clients-search').press('Enter')
  await expect(page.getByTestId('clients-row')).toHaveCount(1)
  await expectNoSeriousA11yIssues(page)
  await clients.gotoList()
  await screenshots(page, 'clients-list')

  // Today: the pipeline counts the five booked clients and the due-date chart shows their month.
  await page.goto('/dashboard')
  await expect(page.getByTestId('today-pipeline')).toContainText('Booked5')
  await expect(page.getByTestId('today-due-chart')).toBeVisible()
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'today')

  // The pipeline board: the five booked clients in their column; a new stage moves the card.
  await page.goto('/dashboard/clients')
  await page.getByTestId('clients-board').click()
  const booked = page.getByTestId('board-column-booked')
  await expect(booked.getByTestId('board-card')).toHaveCount(5)
  await booked.getByTestId('board-card').filter({ hasText: 'Cleo Near' }).getByTestId('board-move').selectOption('active')
  await expect(page.getByTestId('board-column-active').getByTestId('board-card')).toHaveText(/Cleo Near/)
  await expect(booked.getByTestId('board-card')).toHaveCount(4)
  await page.reload()
  await expect(page.getByTestId('board-column-active').getByTestId('board-card')).toHaveText(/Cleo Near/)
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'pipeline-board')
  await clients.gotoList()

  // A private note saves itself and is there after a reload.
  await page.getByTestId('clients-row').filter({ hasText: 'Maya Lopez' }).click()
  await page.getByTestId('client-tab-notes').click()
  await page.getByTestId('note-editor').first().fill('Prefers a quiet room; partner is anxious about the drive.')
  await expect(page.getByTestId('note-status').first()).toHaveText(/Saved at/)
  await page.reload()
  await expect(page.getByTestId('notes-list')).toContainText('Prefers a quiet room')
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'client-notes')

  // Edit: an impossible due date is refused on the field and nothing is saved.
  await page.getByTestId('client-edit').click()
  await page.getByTestId('client-due-date').fill(dayFromToday(400))
  await page.getByTestId('client-submit').click()
  await expect(page.locator('#dueDate-error')).toHaveText(/more than 44 weeks away/)
  await expectNoSeriousA11yIssues(page)
  await page.goto('/dashboard/clients')
  await expect(page.getByTestId('clients-row').filter({ hasText: 'Maya Lopez' })).toContainText('25w 5d')

  // Edit: the same form saves her details and her journey together and returns to her page.
  await page.getByTestId('clients-row').filter({ hasText: 'Maya Lopez' }).click()
  await page.getByTestId('client-edit').click()
  await page.getByTestId('client-last-name').fill('Reyes')
  await page.getByTestId('client-status').selectOption('active')
  await page.getByTestId('client-submit').click()
  await expect(page.getByRole('heading', { level: 1, name: 'Maya Reyes' })).toBeVisible()
  await expect(page).toHaveURL(/\/dashboard\/clients\/[0-9a-f-]{36}$/)
  await page.goto('/dashboard/clients')
  await expect(page.getByTestId('clients-row').filter({ hasText: 'Maya Reyes' })).toContainText('Active')

  // Erasing one client: her name typed by hand, then she is gone from the list.
  await page.getByTestId('clients-row').filter({ hasText: 'Dora Full' }).click()
  await page.getByTestId('delete-client').locator('summary').click()
  await page.getByLabel('Type "Dora Full" to confirm').fill('Dora Full')
  await page.getByTestId('delete-client-submit').click()
  await expect(page).toHaveURL(/\/dashboard\/clients$/)
  await expect(page.getByTestId('clients-row').filter({ hasText: 'Dora Full' })).toHaveCount(0)
  await expect(page.getByTestId('clients-row')).toHaveCount(4)
})

test('the client form works with the keyboard alone', async ({ page, signupPage }) => {
  const email = uniqueEmail('keyboard')
  await signupPage.signUpAndSignIn({ fullName: 'Ivy Hart', practiceName: 'Keyboard Doulas', email })

  await new ClientsPage(page).openNew()
  await page.getByTestId('client-first-name').focus()
  await page.keyboard.type('Nora')
  await page.keyboard.press('Tab')
  await page.keyboard.type('Vance')
  // Preferred name, pronouns, email, phone, then the due date.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab')
  await expect(page.getByTestId('client-due-date')).toBeFocused()
  const [y, m, d] = dayFromToday(60).split('-')
  await page.keyboard.type(`${m}${d}${y}`)
  await expect(page.getByTestId('capacity-panel')).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Nora Vance' })).toBeVisible()
  await expect(page.getByTestId('client-days-to-due')).toHaveText('60 days to go')
})
