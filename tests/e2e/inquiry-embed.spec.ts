import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test, uniqueEmail } from './fixtures'
import { SignupPage } from './pages/signup-page'
import { env, rest } from './support/service-api'
import { screenshots } from './support/review'

/** The form's token refuses a post sooner than this after the page was served (MIN_FILL_MS). */
const FILL_TIME_MS = 3200

/**
 * The practice's own website: another origin (localhost, where the app is 127.0.0.1, so another
 * site too) serving whatever HTML it is given at each path, as a doula's site would paste the snippet.
 */
async function practiceSite(pages: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const body = pages[request.url ?? '']
    response.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    response.end(body ?? 'Not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, server }
}

const sitePage = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`

test('the inquiry form works inside an iframe on the practice site; dashboard pages refuse to be framed', async ({ browser }) => {
  test.setTimeout(240_000)
  const baseURL = env('E2E_BASE_URL')
  const practiceName = `Willow Doulas ${Date.now()}`
  const owner = await browser.newContext({ baseURL })
  const page = await owner.newPage()
  await new SignupPage(page).signUpAndSignIn({ fullName: 'Wendy Owner', practiceName, email: uniqueEmail('wendy') })
  await page.goto('/dashboard/settings')
  await page.getByTestId('settings-inquiry').click()
  const snippet = await page.getByTestId('snippet-iframe').inputValue()
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/p\/[a-z0-9-]+" /)

  const site = await practiceSite({
    '/contact': sitePage('Contact Willow', snippet),
    '/framed-dashboard': sitePage('Framed dashboard', `<iframe src="${baseURL}/dashboard" title="Dashboard"></iframe>`),
  })
  try {
    const visitor = await browser.newContext()
    const contact = await visitor.newPage()
    await contact.goto(`${site.url}/contact`)
    const form = contact.frameLocator('iframe')
    await expect(form.getByTestId('inquiry-submit')).toBeVisible()
    await contact.waitForTimeout(FILL_TIME_MS)
    const email = uniqueEmail('fern')
    await form.getByTestId('inquiry-name').fill('Fern Framed')
    await form.getByTestId('inquiry-email').fill(email)
    await form.getByTestId('inquiry-not-pregnant').check()
    await form.getByTestId('inquiry-message').fill('Found you on your website.')
    await form.getByTestId('inquiry-submit').click()
    await expect(form.getByTestId('inquiry-sent')).toContainText('Thank you, your inquiry was sent.')
    await expect(contact).toHaveURL(`${site.url}/contact`)
    await screenshots(contact, 'inquiry-embedded-sent')

    // The doula sees the lead, with the practice's site as where she came from.
    await page.goto('/dashboard/clients/board')
    const card = page.getByTestId('board-column-lead').getByTestId('board-card').filter({ hasText: 'Fern Framed' })
    await expect(card).toHaveCount(1)
    const [lead] = await rest<{ utm: { referrer?: string } }[]>('GET', `/rest/v1/clients?select=utm&email=eq.${encodeURIComponent(email)}`)
    expect(lead?.utm.referrer).toBe(`${site.url}/`)

    // Any other page framed from that site is refused by the browser (frame-ancestors 'none').
    const refusals: string[] = []
    const framed = await owner.newPage()
    framed.on('console', (message) => {
      if (message.text().includes("frame-ancestors 'none'")) refusals.push(message.text())
    })
    await framed.goto(`${site.url}/framed-dashboard`)
    await expect.poll(() => refusals.length).toBeGreaterThan(0)
    const dashboardFrame = framed.frames().find((f) => f !== framed.mainFrame())
    expect(dashboardFrame?.url()).not.toContain('/dashboard')
    await expect(framed.frameLocator('iframe').getByRole('heading')).toHaveCount(0)
    await Promise.all([visitor.close(), framed.close()])
  } finally {
    await new Promise((resolve) => site.server.close(resolve))
    await owner.close()
  }
})
