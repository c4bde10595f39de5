import { expect, test, uniqueEmail } from './fixtures'
import { SignupPage } from './pages/signup-page'
import { env } from './support/service-api'
import { expectNoSeriousA11yIssues, screenshots } from './support/review'

/** The form's token refuses a post sooner than this after the page was served (MIN_FILL_MS). */
const FILL_TIME_MS = 3200

test('a visitor inquires with and without JavaScript, and the leads reach the pipeline', async ({ browser }) => {
  test.setTimeout(240_000)
  const baseURL = env('E2E_BASE_URL')
  const practiceName = `Juniper Doulas ${Date.now()}`
  const owner = await browser.newContext({ baseURL })
  const page = await owner.newPage()
  await new SignupPage(page).signUpAndSignIn({ fullName: 'June Owner', practiceName, email: uniqueEmail('june') })

  // Settings: the page's address and both snippets, then the practice's intro and a required message.
  await page.goto('/dashboard/settings')
  await page.getByTestId('settings-inquiry').click()
  const pageUrl = (await page.getByTestId('inquiry-page-link').textContent())!
  expect(pageUrl).toMatch(new RegExp(`^${baseURL}/p/[a-z0-9-]+$`))
  await expect(page.getByTestId('snippet-iframe')).toHaveValue(`<iframe src="${pageUrl}" title="Inquire with ${practiceName}" style="width:100%;min-height:1100px;border:0" loading="lazy"></iframe>`)
  await expect(page.getByTestId('snippet-link')).toHaveValue(`<a href="${pageUrl}">Get in touch</a>`)
  await page.getByLabel('Introduction').fill('We answer every inquiry within two days.')
  await page.getByLabel('Message').check()
  await page.getByTestId('inquiry-settings-save').click()
  await expect(page.getByText('Your inquiry form is saved.')).toBeVisible()
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'inquiry-settings')

  // A visitor with JavaScript, arriving from a campaign.
  const visitor = await browser.newContext({ baseURL })
  const form = await visitor.newPage()
  await form.goto(`${pageUrl}?utm_source=newsletter&utm_campaign=spring`)
  await expect(form.getByTestId('inquiry-intro')).toHaveText('We answer every inquiry within two days.')
  await expectNoSeriousA11yIssues(form)
  await screenshots(form, 'inquiry-page')
  await form.reload()
  const withJs = uniqueEmail('ivy')
  await form.getByTestId('inquiry-name').fill('Ivy Script')
  await form.getByTestId('inquiry-email').fill(withJs)
  await form.getByTestId('inquiry-due-date').fill('2027-06-01')
  await form.getByLabel('Birth support').check()
  await form.getByTestId('inquiry-message').fill('Hoping for a home birth.')
  // Sent at once, it is refused as too fast, with her answers kept.
  await form.getByTestId('inquiry-submit').click()
  await expect(form.getByTestId('inquiry-refused')).toContainText('faster than a person can fill the form')
  await expect(form.getByTestId('inquiry-message')).toHaveValue('Hoping for a home birth.')
  await expectNoSeriousA11yIssues(form)
  await form.waitForTimeout(FILL_TIME_MS)
  await form.getByTestId('inquiry-submit').click()
  await expect(form.getByTestId('inquiry-sent')).toContainText('Thank you, your inquiry was sent.')
  await screenshots(form, 'inquiry-sent')

  // The same visitor without JavaScript: a plain form post and a result page.
  const plain = await browser.newContext({ baseURL, javaScriptEnabled: false })
  const noJs = await plain.newPage()
  await noJs.goto(pageUrl)
  await noJs.waitForTimeout(FILL_TIME_MS)
  await noJs.getByTestId('inquiry-name').fill('Nora Plain')
  await noJs.getByTestId('inquiry-email').fill(uniqueEmail('nora'))
  await noJs.getByTestId('inquiry-not-pregnant').check()
  await noJs.getByTestId('inquiry-message').fill('Planning ahead.')
  await noJs.getByTestId('inquiry-submit').click()
  // axe needs scripts to run in the page: the same page and result were checked above with JavaScript.
  await expect(noJs.getByTestId('inquiry-sent')).toContainText('Thank you, your inquiry was sent.')
  await screenshots(noJs, 'inquiry-sent-no-js')

  // Framing is relaxed for the inquiry page only.
  const inquiryHeaders = (await visitor.request.get(pageUrl)).headers()
  expect(inquiryHeaders['content-security-policy']).toContain('frame-ancestors *')
  expect(inquiryHeaders['x-frame-options']).toBeUndefined()
  expect(inquiryHeaders['referrer-policy']).toBe('same-origin')
  const loginHeaders = (await visitor.request.get('/login')).headers()
  expect(loginHeaders['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(loginHeaders['x-frame-options']).toBe('DENY')
  expect(loginHeaders['referrer-policy']).toBe('same-origin')

  // The practice sees both leads on its board.
  await page.goto('/dashboard/clients/board')
  const leads = page.getByTestId('board-column-lead')
  await expect(leads.getByTestId('board-card').filter({ hasText: 'Ivy Script' })).toHaveCount(1)
  await expect(leads.getByTestId('board-card').filter({ hasText: 'Nora Plain' })).toHaveCount(1)
  await expectNoSeriousA11yIssues(page)
  await screenshots(page, 'inquiry-board')

  await Promise.all([owner.close(), visitor.close(), plain.close()])
})
