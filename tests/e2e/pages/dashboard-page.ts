import { expect, type Page } from '@playwright/test'

export class DashboardPage {
  constructor(private readonly page: Page) {}

  async expectPractice(name: string) {
    await expect(this.page).toHaveURL(/\/dashboard$/)
    await expect(this.page.getByTestId('practice-name').first()).toHaveText(name)
  }

  async signOut() {
    await this.page.getByTestId('account-menu').click()
    await this.page.getByTestId('sign-out').click()
    await expect(this.page).toHaveURL(/\/login$/)
  }
}
