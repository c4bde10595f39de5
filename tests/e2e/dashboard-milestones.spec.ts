import type { Browser } from '@playwright/test'
import { expect, test, uniqueEmail } from './fixtures'
import { ClientsPage } from './pages/clients-page'
import { SignupPage } from './pages/signup-page'
import { env, rest } from './support/service-api'
import { dayFromToday, expectNoSeriousA11yIssues, screenshots } from './support/review'

/** The owner moves her practice to this zone in the settings step; dates are hers. */
const PRACTICE_ZONE = 'America/Chicago'

async function signUp(browser: Browser, fullName: string, practiceName: string) {
  const context = await browser.newContext({ baseURL: env('E2E_BASE_URL') })
  const page = await context.newPage()
  const email = uniqueEmail(fullName.split(' ')[0]!.toLowerCase())
  const signup = new SignupPage(page)
  await signup.signUpAndSignIn({ fullName, practiceName, email })
  return { context, page, email }
}

test('the owner edits the template and the settings; a doula ticks off and shares milestones', async ({ browser }) => {
  test.setTimeout(240_000)
  const practiceName = `Willow Birth ${Date.now()}`
  const owner = await signUp(browser, 'Willa Owner', practiceName)
  const page = owner.page

  // Settings: every field, keyboard only from the first one.
  await page.goto('/dashboard/settings')
  await expect(page.getByTestId('practice-settings-form')).toBeVisible()
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'settings')
  await page.getByLabel('Practice name').focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('Willow Birth Collective')
  await page.keyboard.press('Tab')
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('Not A Slug!')
  await page.keyboard.press('Tab')
  await page.keyboard.type('America / Chicago')
  await page.keyboard.press('Tab')
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('41')
  await page.keyboard.press('Tab')
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('39')
  await page.keyboard.press('Enter')
  await expect(page.locator('#slug-error')).toHaveText('Use lowercase letters, numbers and single hyphens, like harbor-doulas.')
  await expect(page.locator('#onCallEndWeek-error')).toHaveText('The on-call window must end in the week it starts or later.')
  await expectNoSeriousA11yIssues(page)
  await page.getByLabel('Practice address').fill(`willow-${Date.now()}`)
  await page.getByLabel('From week').fill('37')
  await page.getByLabel('To week').fill('41')
  await page.getByLabel('At most (due dates)').fill('3')
  await page.getByLabel('Within (days)').fill('21')
  await page.getByTestId('practice-settings-save').click()
  await expect(page.getByText('Your practice settings are saved.')).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Practice name')).toHaveValue('Willow Birth Collective')
  await expect(page.getByLabel('Time zone')).toHaveValue('America/Chicago')
  await expect(page.getByLabel('To week')).toHaveValue('41')

  // The template: add an item with the keyboard, move it, remove another.
  await page.getByRole('link', { name: 'Milestone template' }).click()
  await expect(page.getByTestId('template-item')).toHaveCount(9)
  await expectNoSeriousA11yIssues(page)
  await page.getByTestId('template-add').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('template-item-dialog')).toBeVisible()
  await page.keyboard.type('Hospital tour')
  await page.keyboard.press('Tab')
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('30')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('template-item-dialog')).toBeHidden()
  const tour = page.locator('[data-item="Hospital tour"]')
  await expect(tour).toContainText('30 weeks pregnant')
  await expect(page.getByTestId('template-item').last()).toHaveAttribute('data-item', 'Hospital tour')
  await tour.getByTestId('template-move-up').click()
  await expect(page.getByTestId('template-item').nth(8)).toHaveAttribute('data-item', 'Hospital tour')
  await page.locator('[data-item="Second prenatal visit"]').getByTestId('template-remove').click()
  await expect(page.getByTestId('template-remove-dialog')).toBeVisible()
  await expectNoSeriousA11yIssues(page)
  await page.getByTestId('confirm-remove').click()
  await expect(page.locator('[data-item="Second prenatal visit"]')).toHaveCount(0)
  await expect(page.getByTestId('template-item')).toHaveCount(9)
  await screenshots(page, 'settings-milestones')

  // A client planned from the edited template.
  const clients = new ClientsPage(page)
  await clients.create({ firstName: 'June', lastName: 'Harper', dueDate: dayFromToday(120, PRACTICE_ZONE) })
  const clientUrl = page.url()

  // A doula of the practice (membership added directly: team invitations have their own spec).
  const doula = await signUp(browser, 'Dana Doula', `Dana Solo ${Date.now()}`)
  const [practice] = await rest<{ id: string }[]>('GET', `/rest/v1/practices?select=id&name=eq.${encodeURIComponent('Willow Birth Collective')}&order=created_at.desc&limit=1`)
  const [profile] = await rest<{ id: string }[]>('GET', `/rest/v1/profiles?select=id&email=eq.${encodeURIComponent(doula.email)}`)
  await rest('POST', '/rest/v1/practice_members', { practice_id: practice!.id, user_id: profile!.id, role: 'doula' })
  await doula.context.addCookies([{ name: 'doulaos-practice', value: practice!.id, url: env('E2E_BASE_URL') }])
  const d = doula.page

  await d.goto('/dashboard/settings')
  await expect(d.getByTestId('practice-details')).toContainText('Willow Birth Collective')
  await expect(d.getByTestId('practice-settings-form')).toHaveCount(0)
  await expectNoSeriousA11yIssues(d)
  await d.goto('/dashboard/settings/milestones')
  await expect(d.getByTestId('template-item')).toHaveCount(9)
  await expect(d.getByTestId('template-add')).toHaveCount(0)

  await d.goto(clientUrl)
  const timeline = d.getByTestId('client-milestones')
  await expect(timeline).toContainText('Hospital tour')
  await expect(timeline).not.toContainText('Second prenatal visit')
  await expectNoSeriousA11yIssues(d)

  // Ticks one off with the mouse, then adds, shares and edits one with the keyboard only.
  const hospital = d.locator('[data-milestone="Hospital tour"]')
  await hospital.getByRole('checkbox', { name: 'Hospital tour' }).check()
  await expect(hospital).toContainText('Done')
  await d.getByTestId('milestone-add').focus()
  await d.keyboard.press('Enter')
  await expect(d.getByTestId('milestone-dialog')).toBeVisible()
  await d.keyboard.type('Meet the backup doula')
  await d.keyboard.press('Enter')
  await expect(d.getByTestId('milestone-dialog')).toBeHidden()
  const meet = d.locator('[data-milestone="Meet the backup doula"]')
  await expect(meet).toBeVisible()
  await expect(meet.getByRole('switch', { name: 'Shared “Meet the backup doula” with her' })).toHaveAttribute('aria-checked', 'false')
  await meet.getByTestId('milestone-share').focus()
  await d.keyboard.press('Enter')
  await expect(meet.getByTestId('milestone-share')).toHaveAttribute('aria-checked', 'true')
  // Edit waits for the share to be saved, so the dialog starts from the shared milestone.
  await expect(meet.getByTestId('milestone-edit')).toBeEnabled()
  await meet.getByTestId('milestone-edit').focus()
  await d.keyboard.press('Enter')
  await expect(d.getByTestId('milestone-dialog')).toBeVisible()
  await d.keyboard.press('ControlOrMeta+A')
  await d.keyboard.type('Meet Jo, the backup doula')
  await d.keyboard.press('Tab')
  const [y, m, day] = dayFromToday(40, PRACTICE_ZONE).split('-')
  await d.keyboard.type(`${m}${day}${y}`)
  await d.keyboard.press('Enter')
  await expect(d.getByTestId('milestone-dialog')).toBeHidden()
  const renamed = d.locator('[data-milestone="Meet Jo, the backup doula"]')
  await expect(renamed.getByTestId('milestone-share')).toHaveAttribute('aria-checked', 'true')
  await expect(d.locator('[data-milestone="Meet the backup doula"]')).toHaveCount(0)

  // Deleting asks first.
  await renamed.getByTestId('milestone-delete').click()
  await expect(d.getByTestId('milestone-delete-dialog')).toBeVisible()
  await expectNoSeriousA11yIssues(d)
  await d.getByTestId('confirm-remove').click()
  await expect(renamed).toHaveCount(0)
  await expect(d.locator('[data-milestone="Hospital tour"]')).toContainText('Done')
  await screenshots(d, 'client-milestones')

  await doula.context.close()
  await owner.context.close()
})
