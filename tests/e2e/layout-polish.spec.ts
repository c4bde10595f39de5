import { expect, test, uniqueEmail } from './fixtures'
import { env, rest } from './support/service-api'
import { dayFromToday, expectNoSeriousA11yIssues } from './support/review'

async function practiceId(name: string): Promise<string> {
  const [practice] = await rest<{ id: string }[]>('GET', `/rest/v1/practices?select=id&name=eq.${encodeURIComponent(name)}`)
  return practice!.id
}

test('Today names kinds, the team lists a nameless teammate once, the calendar keeps today and on-call readable, client tabs all show', async ({ page, signupPage }) => {
  test.setTimeout(150_000)
  const practiceName = `Tidy Doulas ${Date.now()}`
  await signupPage.signUpAndSignIn({ fullName: 'Iris Tidy', practiceName, email: uniqueEmail('tidy') })
  const practice = await practiceId(practiceName)

  // Due in two weeks: at 38 weeks today, on call from today through four weeks after the due date.
  const [client] = await rest<{ id: string }[]>('POST', '/rest/v1/clients', { practice_id: practice, first_name: 'Maya', last_name: 'Ray' })
  const [journey] = await rest<{ id: string }[]>('POST', '/rest/v1/journeys', { practice_id: practice, client_id: client!.id, due_date: dayFromToday(14), status: 'booked' })
  const start = new Date(Date.now() + 2 * 3_600_000)
  await rest('POST', '/rest/v1/appointments', {
    practice_id: practice, client_id: client!.id, journey_id: journey!.id, kind: 'consult',
    starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString(),
  })

  // A teammate who joined before giving her name.
  const teammate = uniqueEmail('nameless')
  const created = await fetch(`${env('E2E_API_URL')}/auth/v1/admin/users`, {
    method: 'POST',
    headers: { apikey: env('E2E_SERVICE_ROLE_KEY'), Authorization: `Bearer ${env('E2E_SERVICE_ROLE_KEY')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: teammate, email_confirm: true }),
  })
  expect(created.status).toBe(200)
  const { id: teammateId } = (await created.json()) as { id: string }
  // As after accepting an invitation: a profile with her email and no name yet.
  const profiles = await rest<unknown[]>('GET', `/rest/v1/profiles?select=id&id=eq.${teammateId}`)
  if (profiles.length === 0) await rest('POST', '/rest/v1/profiles', { id: teammateId, email: teammate, full_name: '' })
  else await rest('PATCH', `/rest/v1/profiles?id=eq.${teammateId}`, { email: teammate, full_name: '' })
  await rest('POST', '/rest/v1/practice_members', { practice_id: practice, user_id: teammateId, role: 'doula' })

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })

    await page.goto('/dashboard')
    await expect(page.locator('main')).toContainText('Maya Ray · Consultation ·')
    await expect(page.locator('main')).not.toContainText('· consult ·')
    await expectNoSeriousA11yIssues(page)

    await page.goto('/dashboard/team')
    const row = page.getByTestId('team-member').filter({ hasText: teammate })
    await expect(row.locator('p', { hasText: teammate })).toHaveCount(1)
    await expectNoSeriousA11yIssues(page)

    await page.goto('/dashboard/calendar?view=week')
    const today = page.locator('[data-test="week-view"] [aria-current="date"]')
    await expect(today).toBeInViewport()
    await expectNoSeriousA11yIssues(page)
    await page.screenshot({ path: `test-results/screens/polish-calendar-week-${width}.png` })

    // One named bar for her whole on-call window, not a label on every day it covers.
    await page.goto('/dashboard/calendar?view=month')
    await expect(page.getByTestId('month-view').getByText('On call: Maya Ray').filter({ visible: true })).toHaveCount(1)
    await expectNoSeriousA11yIssues(page)
    await page.screenshot({ path: `test-results/screens/polish-calendar-month-${width}.png`, fullPage: true })

    // Every tab of her record is on screen, none cut off at the edge.
    await page.goto(`/dashboard/clients/${client!.id}`)
    const tabs = page.getByRole('navigation', { name: 'Client sections' }).getByRole('link')
    await expect(tabs).toHaveCount(6)
    for (const tab of await tabs.all()) {
      const box = (await tab.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(width)
    }
    await expectNoSeriousA11yIssues(page)
    await page.screenshot({ path: `test-results/screens/polish-client-tabs-${width}.png` })
  }
})
