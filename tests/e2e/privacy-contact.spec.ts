import { expect, test, uniqueEmail } from './fixtures'
import { expectNoSeriousA11yIssues } from './support/review'

test('the privacy contact, the HIPAA statement and the retention are on /privacy, /security and Settings', async ({ page, baseURL, signupPage }) => {
  // No PRIVACY_CONTACT_EMAIL in the test stack: the address is privacy@ the site's own domain.
  const contact = `privacy@${new URL(baseURL!).hostname}`
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    for (const path of ['/privacy', '/security']) {
      await page.goto(path)
      await expect(page.getByTestId('privacy-contact')).toHaveText(contact)
      await expect(page.getByTestId('privacy-contact')).toHaveAttribute('href', `mailto:${contact}`)
      const hipaa = page.getByTestId('hipaa-notice')
      await expect(hipaa).toContainText('does not sign Business Associate Agreements')
      await expect(hipaa).toContainText('not a HIPAA covered entity')
      await expect(hipaa).toContainText('each doula decides')
      await expectNoSeriousA11yIssues(page)
    }
  }
  // Retention is stated where people read it (S44, S48).
  await page.goto('/security')
  await expect(page.locator('main')).toContainText(/viewable for 12 months, then .* kept for six years/)
  await page.goto('/privacy')
  await expect(page.locator('main')).toContainText(/record of sensitive actions: 12 months .* until it is six years old/)
  await expect(page.locator('main')).toContainText(/backups: kept by our database provider for up to 7 days/i)
  // The privacy page sends doulas to Settings: the address is there.
  await expect(page.locator('main')).toContainText('the same address is on the Settings page')
  await signupPage.signUpAndSignIn({ fullName: 'Pia Contact', practiceName: `Contact Doulas ${Date.now()}`, email: uniqueEmail('contact') })
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/dashboard/settings')
    await expect(page.getByTestId('privacy-contact')).toHaveText(contact)
    await expectNoSeriousA11yIssues(page)
  }
})
