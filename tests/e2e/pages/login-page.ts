import { expect, type Page } from '@playwright/test'

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto(next?: string) {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login')
  }

  /** Requests a link and returns the "check your email" message the person sees. */
  async requestLink(email: string): Promise<string> {
    await this.page.getByTestId('login-email').fill(email)
    await this.page.getByTestId('login-submit').click()
    const message = this.page.getByTestId('check-email-message')
    await expect(message).toBeVisible()
    return (await message.textContent()) ?? ''
  }
}
