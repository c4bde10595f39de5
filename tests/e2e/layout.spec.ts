import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { confirmLink, waitForMail } from './support/mailbox'
import { expect, test, uniqueEmail } from './fixtures'

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const

/** No WCAG A/AA violations, nothing wider than the screen; the screenshot is kept for review. */
async function check(page: Page, name: string) {
  // Next streams a page's metadata after its content: judge the page once its title has arrived
  // (as expectNoSeriousA11yIssues does).
  await expect(page, `${name} has a title`).toHaveTitle(/\S/)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0)
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), name).toEqual([])
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true })
}

/**
 * On a page longer than the screen the sidebar's background runs to the bottom of the page, and its
 * navigation stays in view as the page scrolls.
 */
async function expectFullHeightSidebar(page: Page) {
  await page.goto('/dashboard/calendar?view=month')
  const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight)
  expect(pageHeight, 'the month view is longer than the screen').toBeGreaterThan(800)
  const sidebar = await page.getByTestId('sidebar').boundingBox()
  expect(sidebar?.height).toBe(pageHeight)
  await page.screenshot({ path: test.info().outputPath('desktop-calendar-month.png'), fullPage: true })
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeInViewport()
}

for (const viewport of VIEWPORTS) {
  test(`public and signed-in screens are accessible and fit a ${viewport.name} screen`, async ({ page, signupPage }) => {
    // Seven pages, each with an axe scan and a full-page screenshot, on a shared 2-core machine.
    test.setTimeout(180_000)
    await page.setViewportSize({ width: viewport.width, height: viewport.height })

    await page.goto('/')
    await check(page, `${viewport.name}-landing`)
    await page.goto('/login')
    await check(page, `${viewport.name}-login`)

    const email = uniqueEmail(`layout-${viewport.name}`)
    await signupPage.goto()
    await check(page, `${viewport.name}-signup`)
    await signupPage.signUp({ fullName: 'Rosa Delgado', practiceName: 'Rosa Delgado Birth & Postpartum', email })
    await check(page, `${viewport.name}-check-email`)

    await page.goto(confirmLink(await waitForMail(email)).toString())
    await expect(page).toHaveURL(/\/dashboard$/)
    await check(page, `${viewport.name}-dashboard`)
    await page.goto('/dashboard/clients')
    await check(page, `${viewport.name}-clients`)
    if (viewport.name === 'desktop') await expectFullHeightSidebar(page)
    await page.goto('/portal')
    await check(page, `${viewport.name}-portal`)
  })
}
