import { expect, type Page } from '@playwright/test'

export class DashboardPage {
  constructor(private readonly page: Page) {}

  async expectPractice(name: string) {
    await expect(this.page).toHaveURL(/\/dashboard$/)
    await expect(this.page.getByTestId('practice-name').first()).toHaveText(name)
  }

  /** Signs out through the account menu and returns the sign-out response's headers. */
  async signOut(): Promise<Record<string, string>> {
    await this.page.getByTestId('account-menu').click()
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/signout' && r.request().method() === 'POST'),
      this.page.getByTestId('sign-out').click(),
    ])
    await expect(this.page).toHaveURL(/\/login$/)
    return response.allHeaders()
  }
}
