import { expect, test, uniqueEmail } from './fixtures'
import { rest } from './support/service-api'
import { expectNoSeriousA11yIssues } from './support/review'

/** 15:05 UTC is 10:05 in New York in November (a new practice's zone): the page must show the practice's clock. */
const SENT_AT = '2026-11-24T15:05:00Z'
const ON_PRACTICE_CLOCK = 'Nov 24, 2026, 10:05 AM EST'

test('message times are on the practice clock, labelled with its zone, in the inbox, the thread and her record', async ({ page, signupPage }) => {
  test.setTimeout(120_000)
  const practiceName = `Clockwise Doulas ${Date.now()}`
  await signupPage.signUpAndSignIn({ fullName: 'Clara Wick', practiceName, email: uniqueEmail('clock') })
  const [practice] = await rest<{ id: string }[]>('GET', `/rest/v1/practices?select=id&name=eq.${encodeURIComponent(practiceName)}`)
  const [client] = await rest<{ id: string }[]>('POST', '/rest/v1/clients', { practice_id: practice!.id, first_name: 'Tess', last_name: 'Hart' })
  await rest('POST', '/rest/v1/messages', { practice_id: practice!.id, client_id: client!.id, sender_side: 'client', body: 'Are we still on for Thursday?', created_at: SENT_AT })

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/dashboard/messages')
    await expect(page.getByTestId('inbox-thread')).toContainText(`She wrote · ${ON_PRACTICE_CLOCK}`)
    await expect(page.getByTestId('inbox-thread').locator('time')).toHaveAttribute('datetime', /^2026-11-24T15:05:00/)
    await expectNoSeriousA11yIssues(page)

    await page.goto(`/dashboard/messages/${client!.id}`)
    await expect(page.getByTestId('message').locator('time')).toHaveText(ON_PRACTICE_CLOCK)
    await expectNoSeriousA11yIssues(page)

    await page.goto(`/dashboard/clients/${client!.id}?tab=messages`)
    await expect(page.getByTestId('message').locator('time')).toHaveText(ON_PRACTICE_CLOCK)
    await page.screenshot({ path: `test-results/screens/message-times-${width}.png`, fullPage: true })
  }

  // Moving the practice moves the clock and the label.
  await rest('PATCH', `/rest/v1/practices?id=eq.${practice!.id}`, { time_zone: 'Europe/Berlin' })
  await page.goto(`/dashboard/messages/${client!.id}`)
  await expect(page.getByTestId('message').locator('time')).toHaveText('Nov 24, 2026, 4:05 PM GMT+1')
})
