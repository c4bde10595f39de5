import { ClientsPage } from './pages/clients-page'
import { expect, test, uniqueEmail } from './fixtures'
import { expectNoSeriousA11yIssues, screenshots } from './support/review'
import { rest } from './support/service-api'

test('a deletion request points to the control that exists, and the form says what will happen', async ({ page, signupPage }) => {
  const practice = 'Rowan Birth Circle'
  await signupPage.signUpAndSignIn({ fullName: 'Lena Hart', practiceName: practice, email: uniqueEmail('audit-erase') })
  await new ClientsPage(page).create({ firstName: 'Alma', lastName: 'Reyes', dueDate: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10) })
  const clientId = /\/dashboard\/clients\/([0-9a-f-]{36})/.exec(page.url())![1]!
  const [row] = await rest<{ id: string }[]>('GET', `/rest/v1/practices?select=id&name=eq.${encodeURIComponent(practice)}`)
  await rest('POST', '/rest/v1/client_deletion_requests', { practice_id: row!.id, client_id: clientId })

  // Seen from another tab, the notice leads to the foot of her Overview, where the control is open.
  await page.goto(`/dashboard/clients/${clientId}?tab=documents`)
  const notice = page.getByTestId('deletion-request-notice')
  await expect(notice).not.toContainText('Settings')
  await notice.getByTestId('deletion-request-link').click()
  await expect(page).toHaveURL(new RegExp(`/dashboard/clients/${clientId}\\?tab=overview#delete-client$`))
  await expect(page.getByTestId('delete-client-consequences')).toBeVisible()
  // She never had a portal login: no email is promised.
  await expect(page.getByTestId('delete-client-consequences')).toContainText('She has no portal login, so DoulaOS does not email her')
  await expect(page.getByTestId('delete-client-consequences')).not.toContainText('She is emailed')
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'deletion-request-notice')
  await page.setViewportSize({ width: 390, height: 900 })
  await expectNoSeriousA11yIssues(page)
})

test('the audit log names people and clients, filters by a person picked by name, and scrolls by keyboard', async ({ page, signupPage }) => {
  const practice = 'Sorrel Doula House'
  await signupPage.signUpAndSignIn({ fullName: 'Ruth Amsel', practiceName: practice, email: uniqueEmail('audit-names') })
  await new ClientsPage(page).create({ firstName: 'Noor', lastName: 'Haddad', dueDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10) })
  const [row] = await rest<{ id: string }[]>('GET', `/rest/v1/practices?select=id&name=eq.${encodeURIComponent(practice)}`)
  const [owner] = await rest<{ user_id: string }[]>('GET', `/rest/v1/practice_members?select=user_id&practice_id=eq.${row!.id}`)
  // Someone who has since left the practice: her id is all the trail holds.
  const formerId = crypto.randomUUID()
  await rest('POST', '/rest/v1/audit_log', { practice_id: row!.id, actor_id: formerId, actor_role: 'doula', action: 'export.create', entity: 'practices', entity_id: row!.id })

  await page.reload()
  await page.goto('/dashboard/settings/audit')
  const rows = page.getByTestId('audit-row')
  await expect(rows.filter({ hasText: 'Client record added' }).getByTestId('audit-who')).toHaveText('Ruth Amsel · Owner')
  await expect(rows.filter({ hasText: 'Client record added' }).getByTestId('audit-subject')).toHaveText('Client record · Noor Haddad')
  await expect(rows.filter({ hasText: 'Pregnancy added' }).getByTestId('audit-subject')).toHaveText('Pregnancy · Noor Haddad')
  await expect(rows.filter({ hasText: "Exported the practice's data" }).getByTestId('audit-who')).toHaveText('Former member · Doula')
  await expect(page.getByTestId('audit-table')).not.toContainText(owner!.user_id.slice(0, 8))
  // Her sign-in through the email link and her look at Noor's record (once, though the page rendered again) are there too.
  await expect(rows.filter({ hasText: 'Signed in' }).getByTestId('audit-who')).toHaveText('Ruth Amsel · Owner')
  await expect(rows.filter({ hasText: "Viewed a client's record" })).toHaveCount(1)
  await expect(rows.filter({ hasText: "Viewed a client's record" }).getByTestId('audit-subject')).toHaveText('Client record · Noor Haddad')

  // The person picker lists the team by name; the URL carries her full id.
  await page.getByLabel('Person').selectOption({ label: 'Ruth Amsel (owner)' })
  await page.getByTestId('audit-filter-submit').click()
  await expect(page).toHaveURL(new RegExp(`actor=${owner!.user_id}`))
  await expect(rows.first()).toBeVisible()
  for (const who of await page.getByTestId('audit-who').allTextContents()) expect(who).toBe('Ruth Amsel · Owner')
  await expect(page.getByTestId('audit-filter-actor')).toHaveValue(owner!.user_id)

  await page.getByLabel('Client').selectOption({ label: 'Noor Haddad' })
  await page.getByLabel('Person').selectOption({ label: 'Anyone on the team' })
  await page.getByTestId('audit-filter-submit').click()
  await expect(rows.filter({ hasText: 'Client record added' })).toHaveCount(1)
  await expect(rows.filter({ hasText: 'Signed in' })).toHaveCount(0)

  await page.getByLabel('Client').selectOption({ label: 'Any client' })
  await page.getByLabel('Action').selectOption({ label: 'Signed in' })
  await page.getByTestId('audit-filter-submit').click()
  await expect(page).toHaveURL(/action=auth\.sign_in/)
  await expect(page.getByTestId('audit-action')).toHaveText(['Signed in'])
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'audit-log')

  // At phone width the table scrolls sideways: the region takes focus and scrolls with the arrow keys.
  await page.goto('/dashboard/settings/audit')
  await page.setViewportSize({ width: 390, height: 900 })
  await expectNoSeriousA11yIssues(page)
  const region = page.getByRole('region', { name: 'Audit events, newest first' })
  await region.focus()
  await expect(region).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0)

  // The export keeps the ids.
  const csv = await page.request.get(`/api/export/audit?practice=${row!.id}`)
  const text = await csv.text()
  expect(text.split('\r\n')[0]).toBe('occurred_at,actor_id,actor_role,action,entity,entity_id,outcome,ip,user_agent,request_id')
  expect(text).toContain(owner!.user_id)
  expect(text).toContain(formerId)
})
