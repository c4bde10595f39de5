import { expect, test, uniqueEmail } from './fixtures'

const PORTAL_PAGES = ['/portal', '/portal/appointments', '/portal/messages', '/portal/documents', '/portal/profile']

test.describe('portal access', () => {
  test('signed out, every portal page sends her to sign in', async ({ page }) => {
    for (const path of PORTAL_PAGES) {
      await page.goto(path)
      await expect(page).toHaveURL(/\/(portal-)?login(\?|$)/)
      await expect(page.getByTestId('login-form')).toBeVisible()
    }
  })

  test('the portal login answers the same for an unknown email', async ({ page }) => {
    await page.goto('/portal-login')
    await expect(page.getByRole('heading', { name: 'Your private portal' })).toBeVisible()
    await page.getByTestId('login-email').fill(uniqueEmail('nobody'))
    await page.getByTestId('login-submit').click()
    await expect(page.getByTestId('check-email')).toBeVisible()
  })

  test('a login without a client record reaches no portal page, file, calendar entry or data download', async ({ page, signupPage }) => {
    const email = uniqueEmail('not-a-client')
    await signupPage.signUpAndSignIn({ fullName: 'Rosa Lind', practiceName: 'North Star Doulas', email })

    for (const path of PORTAL_PAGES) {
      await page.goto(path)
      await expect(page).toHaveURL(/\/portal-login\?revoked=1$/)
      await expect(page.getByTestId('portal-no-access')).toBeVisible()
    }
    const ics = await page.request.get('/portal/appointments/00000000-0000-4000-8000-000000000000/ics', { maxRedirects: 0 })
    expect(ics.status()).toBeGreaterThanOrEqual(300)
    expect(ics.status()).toBeLessThan(400)
    const file = await page.request.get('/api/documents/00000000-0000-4000-8000-000000000000/download', { maxRedirects: 0 })
    expect(file.status()).toBe(404)
    const upload = await page.request.post('/api/documents?name=x.pdf', { data: Buffer.from('%PDF-1.7\n') })
    expect(upload.status()).toBe(403)
    const data = await page.request.get('/portal/export', { maxRedirects: 0 })
    expect(data.status()).toBe(403)
    expect(data.headers()['content-type']).not.toContain('zip')
  })
})
