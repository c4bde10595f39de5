import { test as base } from '@playwright/test'
import { DashboardPage } from './pages/dashboard-page'
import { LoginPage } from './pages/login-page'
import { SignupPage } from './pages/signup-page'

interface Pages {
  signupPage: SignupPage
  loginPage: LoginPage
  dashboardPage: DashboardPage
}

/** Tests reach the app started by global-setup.ts, whose port is only known at run time. */
export const test = base.extend<Pages>({
  baseURL: async ({}, provide) => {
    const url = process.env.E2E_BASE_URL
    if (!url) throw new Error('E2E_BASE_URL is not set: run the suite through playwright.config.ts')
    await provide(url)
  },
  signupPage: async ({ page }, provide) => provide(new SignupPage(page)),
  loginPage: async ({ page }, provide) => provide(new LoginPage(page)),
  dashboardPage: async ({ page }, provide) => provide(new DashboardPage(page)),
})

export { expect } from '@playwright/test'

export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`
