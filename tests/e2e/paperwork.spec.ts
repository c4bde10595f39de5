import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import type { Browser, Page } from '@playwright/test'
import { LOCAL_CRON_SECRET } from '../../scripts/local-env'
import { SignupPage } from './pages/signup-page'
import { confirmLink, latestId, waitForMail, type Mail } from './support/mailbox'
import { expect, test, uniqueEmail } from './fixtures'
import { env, rest } from './support/service-api'
import { dayFromToday, expectNoSeriousA11yIssues } from './support/review'

/** The whole page at the current width, stretched to its height so fixed bars sit at the bottom. */
async function shoot(page: Page, name: string) {
  const viewport = page.viewportSize()!
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) })
  await page.screenshot({ path: `test-results/screens/paperwork-${name}-${viewport.width}.png` })
  await page.setViewportSize(viewport)
}

/** A dashboard page at 1280 and 390 px, reloaded at each width as that screen would load it. */
async function shootBoth(page: Page, name: string) {
  const viewport = page.viewportSize()!
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.reload()
    await expectNoSeriousA11yIssues(page)
    await shoot(page, name)
  }
  await page.setViewportSize(viewport)
}

async function drainOutbox() {
  const res = await fetch(new URL('/api/cron/outbox', env('E2E_BASE_URL')), { headers: { Authorization: `Bearer ${LOCAL_CRON_SECRET}` } })
  expect(res.status).toBe(200)
}

/** A practice with its owner signed in, and a client with a portal login (what "Invite to portal" sets up). */
async function practiceWithClient(browser: Browser, practiceName: string) {
  const doulaEmail = uniqueEmail('doula')
  const clientEmail = uniqueEmail('client')
  const doulaContext = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const doula = await doulaContext.newPage()
  await doula.goto('/signup')
  await new SignupPage(doula).signUp({ fullName: 'Maya Reyes', practiceName, email: doulaEmail })
  await doula.goto(confirmLink(await waitForMail(doulaEmail)).toString())
  await expect(doula).toHaveURL(/\/dashboard$/)
  const [practice] = await rest<{ id: string }[]>('GET', `/rest/v1/practices?select=id&name=eq.${encodeURIComponent(practiceName)}`)
  const [client] = await rest<{ id: string }[]>('POST', '/rest/v1/clients', { practice_id: practice!.id, first_name: 'Ines', last_name: 'Moreau', email: clientEmail })
  const [owner] = await rest<{ user_id: string }[]>('GET', `/rest/v1/practice_members?select=user_id&practice_id=eq.${practice!.id}`)
  await rest('POST', '/rest/v1/journeys', { practice_id: practice!.id, client_id: client!.id, due_date: dayFromToday(90), status: 'booked', primary_doula_id: owner!.user_id })
  const login = await rest<{ id: string }>('POST', '/auth/v1/admin/generate_link', { type: 'magiclink', email: clientEmail })
  await rest('PATCH', `/rest/v1/clients?id=eq.${client!.id}`, { portal_user_id: login.id })
  return { doula, doulaEmail, clientEmail, clientId: client!.id }
}

/** She follows the email's link on her phone, signs in by magic link, and lands on the form. */
async function openFromEmail(browser: Browser, mail: Mail, clientEmail: string): Promise<Page> {
  const formLink = mail.links.find((l) => new URL(l).pathname.startsWith('/portal/forms/'))
  if (!formLink) throw new Error(`No form link in "${mail.subject}"`)
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true })
  const phone = await context.newPage()
  await phone.goto(formLink)
  await expect(phone).toHaveURL(/\/portal-login\?next=/)
  const before = await latestId(clientEmail)
  await phone.getByTestId('login-email').fill(clientEmail)
  await phone.getByTestId('login-submit').click()
  await expect(phone.getByTestId('check-email')).toBeVisible()
  await phone.goto(confirmLink(await waitForMail(clientEmail, before)).toString())
  await expect(phone).toHaveURL(new URL(formLink).pathname)
  return phone
}

/** Draws a wavy stroke across the signature box with the mouse (a finger on a phone does the same). */
async function drawSignature(page: Page, scope = page.locator('body')) {
  const pad = scope.getByTestId('signature-pad')
  await pad.scrollIntoViewIfNeeded()
  const box = (await pad.boundingBox())!
  await page.mouse.move(box.x + 20, box.y + box.height / 2)
  await page.mouse.down()
  for (let i = 1; i <= 24; i++) {
    await page.mouse.move(box.x + 20 + (i * (box.width - 40)) / 24, box.y + box.height / 2 + Math.sin(i / 2) * (box.height / 4), { steps: 2 })
  }
  await page.mouse.up()
}

/** Downloads the PDF a link serves and returns its text (pdftotext) and its pages as PNGs for review. */
async function downloadPdf(page: Page, link: ReturnType<Page['getByTestId']>, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  const file = (await download.path())!
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
  mkdirSync('test-results/screens', { recursive: true })
  const pages = spawnSync('pdftoppm', ['-r', '70', '-png', file, `test-results/screens/paperwork-pdf-${name}`])
  expect(pages.status).toBe(0)
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  expect(text.status).toBe(0)
  return text.stdout.replace(/\s+/g, ' ')
}

test('intake: the doula builds a form and sends it; she fills it on her phone across two visits and submits; the doula reads it and downloads the PDF', async ({ browser }) => {
  test.setTimeout(240_000)
  const { doula, clientEmail, clientId } = await practiceWithClient(browser, 'Lantern Paperwork')

  // Settings → Forms: the starter forms are there; build a new one.
  await doula.goto('/dashboard/settings')
  await doula.getByTestId('settings-forms').click()
  await expect(doula.getByTestId('templates-intake')).toContainText('Intake questionnaire')
  await expect(doula.getByTestId('templates-agreement')).toContainText('Service agreement')
  await shootBoth(doula, 'settings-forms')
  await doula.getByTestId('template-new-intake').click()
  await doula.getByTestId('template-name').fill('Birth preferences')
  const fields = doula.getByTestId('builder-field')
  await fields.nth(0).getByTestId('field-label').fill('What should we call you?')
  await fields.nth(0).getByTestId('field-required').check()
  await doula.getByTestId('builder-new-type').selectOption('single_choice')
  await doula.getByTestId('builder-add').click()
  await fields.nth(1).getByTestId('field-label').fill('Where do you plan to give birth?')
  await fields.nth(1).getByTestId('field-options').fill('Hospital\nBirth center\nHome')
  await fields.nth(1).getByTestId('field-required').check()
  await doula.getByTestId('builder-new-type').selectOption('heading')
  await doula.getByTestId('builder-add').click()
  await fields.nth(2).getByTestId('field-label').fill('Your birth')
  await doula.getByTestId('builder-new-type').selectOption('long_text')
  await doula.getByTestId('builder-add').click()
  await fields.nth(3).getByTestId('field-label').fill('What would make your birth feel safe?')
  await doula.getByTestId('builder-new-type').selectOption('consent')
  await doula.getByTestId('builder-add').click()
  await fields.nth(4).getByTestId('field-label').fill('I know my doula does not give medical advice.')
  await fields.nth(4).getByTestId('field-required').check()
  // The heading belongs first: moved up twice with the keyboard.
  await fields.nth(2).getByTestId('field-label').focus()
  await doula.keyboard.press('Alt+ArrowUp')
  await doula.keyboard.press('Alt+ArrowUp')
  await expect(fields.nth(0).getByTestId('field-label')).toHaveValue('Your birth')
  await expect(fields.nth(0).getByTestId('field-label')).toBeFocused()
  await expect(fields.nth(1).getByTestId('field-label')).toHaveValue('What should we call you?')
  await expectNoSeriousA11yIssues(doula)
  await shoot(doula, 'builder')
  await doula.getByTestId('builder-tab-preview').click()
  const preview = doula.getByTestId('template-preview')
  await expect(preview.getByRole('heading', { name: 'Birth preferences' })).toBeVisible()
  await expect(preview.getByRole('radio', { name: 'Birth center' })).toBeVisible()
  await expectNoSeriousA11yIssues(doula)
  await shoot(doula, 'builder-preview')
  await doula.getByTestId('builder-tab-edit').click()
  await doula.getByTestId('builder-save').click()
  await expect(doula.getByTestId('builder-status')).toContainText('Saved as version 1')
  await expect(doula).toHaveURL(/\/dashboard\/settings\/forms\/[0-9a-f-]{36}$/)

  // Send it from her client page.
  await doula.goto(`/dashboard/clients/${clientId}?tab=paperwork`)
  await expect(doula.getByTestId('client-paperwork-empty')).toBeVisible()
  await doula.getByTestId('send-form-open').click()
  const dialog = doula.getByTestId('send-form-dialog')
  await dialog.getByLabel('Form').selectOption({ label: 'Birth preferences (intake form)' })
  await dialog.getByLabel('A note for her (optional)').fill('Before our first visit, please.')
  await dialog.getByLabel('Due date (optional)').fill(dayFromToday(7))
  await expectNoSeriousA11yIssues(doula)
  await dialog.getByTestId('send-form-submit').click()
  await expect(dialog).toBeHidden()
  const row = doula.getByTestId('client-form').filter({ hasText: 'Birth preferences' })
  await expect(row.getByTestId('client-form-stage')).toHaveText('Sent')

  const before = await latestId(clientEmail)
  await drainOutbox()
  const mail = await waitForMail(clientEmail, before)
  expect(mail.subject).toBe('Lantern Paperwork sent you a form to fill in')
  expect(mail.text).not.toContain('Birth preferences')

  // On her phone: the form, a first answer saved as a draft, then the tab closed.
  const phone = await openFromEmail(browser, mail, clientEmail)
  await expect(phone.getByTestId('form-title')).toHaveText('Birth preferences')
  await expect(phone.getByTestId('form-note')).toContainText('Before our first visit, please.')
  await phone.getByLabel('What should we call you?').fill('Ines')
  await phone.getByLabel('What would make your birth feel safe?').fill('Dim lights and my own music.')
  await expect(phone.getByTestId('draft-status')).toHaveAttribute('data-state', 'saved')
  await expectNoSeriousA11yIssues(phone)
  await shoot(phone, 'portal-form-draft')
  const formUrl = phone.url()
  await phone.close()

  // The doula sees it opened and started.
  await doula.reload()
  await expect(row.getByTestId('client-form-stage')).toHaveText('In progress')
  await expect(row).toContainText('Opened')

  // She comes back: her answers are there; a submission with a required answer missing is refused on the field.
  const back = await phone.context().newPage()
  await back.goto(formUrl)
  await expect(back.getByLabel('What should we call you?')).toHaveValue('Ines')
  await expect(back.getByLabel('What would make your birth feel safe?')).toHaveValue('Dim lights and my own music.')
  await back.getByTestId('form-submit').click()
  const where = back.getByTestId('question').filter({ hasText: 'Where do you plan to give birth?' })
  await expect(where).toContainText('Please choose one.')
  await expect(back.getByTestId('question').filter({ hasText: 'I know my doula' })).toContainText('Please tick this box to continue.')
  await expectNoSeriousA11yIssues(back)
  await shoot(back, 'portal-form-errors')
  await where.getByText('Birth center').click()
  await back.getByLabel('I know my doula does not give medical advice.').check()
  await back.getByTestId('form-submit').click()
  await expect(back.getByTestId('form-stage')).toHaveText('Submitted')
  await expect(back.getByTestId('answers')).toContainText('Birth center')
  await expectNoSeriousA11yIssues(back)
  await shoot(back, 'portal-form-submitted')
  const hers = await downloadPdf(back, back.getByTestId('form-pdf'), 'intake')
  for (const answer of ['Ines', 'Birth center', 'Dim lights and my own music.', 'Agreed', 'Page 1 of']) expect(hers).toContain(answer)

  // Her home shows nothing left to do.
  await back.goto('/portal')
  await expect(back.getByTestId('portal-todo')).toContainText('Nothing waiting for you')

  // The doula reads her answers and downloads the same PDF.
  await doula.reload()
  await expect(row.getByTestId('client-form-stage')).toHaveText('Submitted')
  await expect(row).toContainText('Submitted')
  await shootBoth(doula, 'client-paperwork')
  await row.getByTestId('client-form-open').click()
  await expect(doula.getByTestId('answers')).toContainText('Dim lights and my own music.')
  await shootBoth(doula, 'client-form')
  const theirs = await downloadPdf(doula, doula.getByTestId('form-pdf'), 'intake-practice')
  expect(theirs).toContain('Birth center')
})

test('agreement: she reads and signs on her phone, the practice countersigns, her partner signs by link; everyone gets the sealed PDF', async ({ browser }) => {
  test.setTimeout(240_000)
  const { doula, doulaEmail, clientEmail, clientId } = await practiceWithClient(browser, 'Harbor Signing')

  await doula.goto(`/dashboard/clients/${clientId}?tab=paperwork`)
  await doula.getByTestId('send-form-open').click()
  const dialog = doula.getByTestId('send-form-dialog')
  await dialog.getByLabel('Form').selectOption({ label: 'Service agreement (agreement)' })
  await dialog.getByTestId('send-form-submit').click()
  await expect(dialog.getByText('This agreement names the fee: enter it.')).toBeVisible()
  await dialog.getByLabel('Fee, as the agreement should state it').fill('$1,850')
  await dialog.getByLabel('Partner’s name').fill('Sam Moreau')
  const partnerEmail = uniqueEmail('partner')
  await dialog.getByLabel('Partner’s email').fill(partnerEmail)
  await dialog.getByTestId('send-form-submit').click()
  await expect(dialog).toBeHidden()
  const row = doula.getByTestId('client-form').filter({ hasText: 'Service agreement' })
  await expect(row.getByTestId('client-form-stage')).toHaveText('Sent')

  const before = await latestId(clientEmail)
  await drainOutbox()
  const mail = await waitForMail(clientEmail, before)
  expect(mail.subject).toBe('Harbor Signing sent you an agreement to sign')

  const phone = await openFromEmail(browser, mail, clientEmail)
  await expect(phone.getByTestId('agreement-text')).toContainText('The fee for these services is $1,850.')
  await expect(phone.getByTestId('agreement-text')).toContainText('between Harbor Signing (the practice) and Ines Moreau (the client)')
  // Everything she gets wrong is said on its field.
  await phone.getByTestId('agreement-sign').click()
  const signer = phone.getByTestId('agreement-signer')
  await expect(signer).toContainText('Type your full name.')
  await expect(signer).toContainText('Draw your signature in the box.')
  await expect(signer).toContainText('Tick the box to agree to sign electronically.')
  await expectNoSeriousA11yIssues(phone)
  await shoot(phone, 'portal-agreement-errors')
  await phone.getByLabel('Type your full name').fill('Ines Moreau')
  await drawSignature(phone)
  await phone.getByTestId('signature-consent').check()
  await phone.getByTestId('agreement-sign').click()
  await expect(phone.getByTestId('form-stage')).toHaveText('Signed: waiting for your doula')
  await expect(phone.getByTestId('signature').filter({ hasText: 'Ines Moreau' })).toHaveAttribute('data-signed', 'yes')
  await expectNoSeriousA11yIssues(phone)
  await shoot(phone, 'portal-agreement-signed')

  // The practice is told it is its turn, and countersigns from the email's link.
  const beforeCountersign = await latestId(doulaEmail)
  await drainOutbox()
  const turn = await waitForMail(doulaEmail, beforeCountersign)
  expect(turn.subject).toBe('A client signed an agreement: your countersignature')
  const countersignLink = turn.links.find((l) => new URL(l).pathname.includes('/forms/'))!
  await doula.goto(countersignLink)
  await expect(doula.getByTestId('form-stage')).toHaveText('Signed by her: your countersignature')
  await expectNoSeriousA11yIssues(doula)
  await shoot(doula, 'countersign')
  await doula.getByLabel('Type your full name').fill('Maya Reyes')
  await drawSignature(doula, doula.getByTestId('countersign-form'))
  await doula.getByTestId('signature-consent').check()
  await doula.getByTestId('countersign-submit').click()
  await expect(doula.getByTestId('form-stage')).toHaveText('Waiting for her partner')

  // Her partner signs through her own link, without a login.
  const beforePartner = await latestId(partnerEmail)
  await drainOutbox()
  const invite = await waitForMail(partnerEmail, beforePartner)
  expect(invite.subject).toBe('Harbor Signing asks you to sign an agreement')
  const partnerLink = invite.links.find((l) => new URL(l).pathname.startsWith('/sign/'))!
  const partnerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true })
  const partner = await partnerContext.newPage()
  await partner.goto(partnerLink)
  await expect(partner.getByTestId('agreement-text')).toContainText('$1,850')
  await expectNoSeriousA11yIssues(partner)
  await shoot(partner, 'partner-sign')
  await drawSignature(partner)
  await partner.getByTestId('signature-consent').check()
  await partner.getByTestId('partner-sign').click()
  await expect(partner.getByText('Everyone has signed this agreement now.')).toBeVisible()
  const partnerCopy = await downloadPdf(partner, partner.getByTestId('partner-pdf'), 'agreement-partner')
  expect(partnerCopy).toContain('Partner: Sam Moreau')

  // Sealed: everyone's copy has the three signatures and the certificate.
  await doula.reload()
  await expect(doula.getByTestId('form-stage')).toHaveText('Signed by everyone')
  await shootBoth(doula, 'agreement-sealed')
  const practiceCopy = await downloadPdf(doula, doula.getByTestId('form-pdf'), 'agreement')
  for (const text of ['Signature certificate', 'Client: Ines Moreau', 'For the practice: Maya Reyes', 'Partner: Sam Moreau', clientEmail, doulaEmail, 'Content SHA-256']) {
    expect(practiceCopy).toContain(text)
  }
  await phone.reload()
  await expect(phone.getByTestId('form-stage')).toHaveText('Signed by everyone')
  await shoot(phone, 'portal-agreement-sealed')
  const herCopy = await downloadPdf(phone, phone.getByTestId('form-pdf'), 'agreement-client')
  expect(herCopy).toContain('Partner: Sam Moreau')
})
