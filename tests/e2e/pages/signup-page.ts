import { expect, type Page } from '@playwright/test'
import { confirmLink, waitForMail } from '../support/mailbox'

export class SignupPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/signup')
  }

  async signUp({ fullName, practiceName, email }: { fullName: string; practiceName: string; email: string }) {
    await this.page.getByTestId('signup-full-name').fill(fullName)
    await this.page.getByTestId('signup-practice-name').fill(practiceName)
    await this.page.getByTestId('signup-email').fill(email)
    await this.page.getByTestId('signup-submit').click()
    await expect(this.page.getByTestId('check-email')).toBeVisible()
  }

  /** A new doula's whole way in: the form, the link in her email, onboarding, her dashboard. */
  async signUpAndSignIn(details: { fullName: string; practiceName: string; email: string }) {
    await this.goto()
    await this.signUp(details)
    await this.page.goto(confirmLink(await waitForMail(details.email)).toString())
    await expect(this.page).toHaveURL(/\/dashboard$/)
  }
}
