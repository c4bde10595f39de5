import { expect, type Page } from '@playwright/test'

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
}
