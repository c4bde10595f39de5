import { expect, test, uniqueEmail } from './fixtures'
import { ClientsPage } from './pages/clients-page'
import { dayFromToday, expectNoSeriousA11yIssues, screenshots } from './support/review'

test('a doula keeps to-dos on Today and on a client page, and ticks one off', async ({ page, signupPage }) => {
  test.setTimeout(180_000)
  await signupPage.signUpAndSignIn({ fullName: 'Lena Park', practiceName: 'Fern Doulas', email: uniqueEmail('tasks') })
  const clients = new ClientsPage(page)
  await clients.create({ firstName: 'Nora', lastName: 'Quinn', dueDate: dayFromToday(90) })
  await expect(page.getByRole('heading', { level: 1, name: 'Nora Quinn' })).toBeVisible()
  const clientUrl = page.url()

  // On her page: an empty title is refused at the field, then a dated to-do for Lena is added.
  const list = page.getByTestId('task-list')
  await expect(list.getByTestId('tasks-empty')).toBeVisible()
  await list.getByTestId('task-add').click()
  await expect(page.locator('#task-title-client-error')).toHaveText('Say what needs doing.')
  await page.getByLabel('New to-do').fill('Bring the birth ball')
  await page.getByLabel('Due (optional)').fill(dayFromToday(5))
  await page.getByLabel('For').selectOption({ label: 'Lena Park' })
  await list.getByTestId('task-add').click()
  await expect(list.getByTestId('task')).toHaveCount(1)
  await expect(list.getByTestId('task')).toContainText('Bring the birth ball')
  await expect(list.getByTestId('task')).toContainText('Lena Park')
  await expect(page.getByLabel('New to-do')).toHaveValue('')
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'tasks-client')

  // Today lists it with her name, beside a practice to-do added there.
  await page.goto('/dashboard')
  const today = page.getByTestId('task-list')
  await page.getByLabel('New to-do').fill('Renew my CPR certificate')
  await today.getByTestId('task-add').click()
  await expect(today.getByTestId('task')).toHaveCount(2)
  await expect(today.getByTestId('task').first()).toContainText('Bring the birth ball')
  await expect(today.getByTestId('task').first().getByRole('link', { name: 'Nora Quinn' })).toBeVisible()
  await expect(today.getByTestId('task').nth(1)).toContainText('Anyone')
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'tasks-today')

  // Ticking one off moves it below the open ones, struck through; it stays ticked after a reload.
  await today.getByRole('checkbox', { name: 'Bring the birth ball' }).check()
  await expect(today.getByTestId('task').nth(1)).toContainText('Bring the birth ball')
  await page.reload()
  await expect(page.getByTestId('task-list').getByRole('checkbox', { name: 'Bring the birth ball' })).toBeChecked()
  await page.goto(clientUrl)
  await expect(page.getByTestId('task-list').getByRole('checkbox', { name: 'Bring the birth ball' })).toBeChecked()
})
