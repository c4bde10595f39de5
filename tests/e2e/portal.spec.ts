import { readFile } from 'node:fs/promises'
import type { Page, Request } from '@playwright/test'
import { LOCAL_CRON_SECRET } from '../../scripts/local-env'
import { readZip } from '../unit/privacy/zip-reader'
import { SignupPage } from './pages/signup-page'
import { confirmLink, latestId, waitForMail } from './support/mailbox'
import { expect, test, uniqueEmail } from './fixtures'
import { env, rest } from './support/service-api'
import { expectNoSeriousA11yIssues } from './support/review'

/**
 * The whole page as a phone shows it scrolled: the viewport is stretched to the page's height first,
 * so the fixed tab bar sits at the bottom instead of floating over the middle of a fullPage shot.
 */
async function shoot(page: Page, name: string) {
  const viewport = page.viewportSize()!
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) })
  await page.screenshot({ path: `test-results/screens/portal-${name}-${viewport.width}.png` })
  await page.setViewportSize(viewport)
}

/** A dashboard page at desktop and phone widths, for design review; reloaded at each width as a phone would load it. */
async function shootDashboard(page: Page, name: string) {
  const viewport = page.viewportSize()!
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 })
    await page.reload()
    await page.screenshot({ path: `test-results/screens/dashboard-${name}-${width}.png`, fullPage: true })
  }
  await page.setViewportSize(viewport)
}

test('a client signs in to her portal: appointment, milestone, upload, message, the reply from the inbox by email, and her data download', async ({ browser }) => {
  test.setTimeout(180_000)
  const doulaEmail = uniqueEmail('doula')
  const clientEmail = uniqueEmail('client')
  // A page of its own context: axe cannot analyse a page opened with browser.newPage().
  const doulaContext = await browser.newContext()
  const doula = await doulaContext.newPage()
  const signup = new SignupPage(doula)
  await doula.goto('/signup')
  await signup.signUp({ fullName: 'Maya Reyes', practiceName: 'Lantern Doulas', email: doulaEmail })
  await doula.goto(confirmLink(await waitForMail(doulaEmail)).toString())
  await expect(doula).toHaveURL(/\/dashboard$/)

  const [practice] = await rest<{ id: string }[]>('GET', `/rest/v1/practices?select=id&name=eq.Lantern%20Doulas`)
  const [client] = await rest<{ id: string }[]>('POST', '/rest/v1/clients', { practice_id: practice!.id, first_name: 'Ines', last_name: 'Moreau', email: clientEmail })
  const due = new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10)
  const [journey] = await rest<{ id: string }[]>('POST', '/rest/v1/journeys', { practice_id: practice!.id, client_id: client!.id, due_date: due, status: 'booked' })
  const start = new Date(Date.now() + 3 * 86_400_000)
  start.setUTCHours(15, 0, 0, 0)
  await rest('POST', '/rest/v1/appointments', {
    practice_id: practice!.id, client_id: client!.id, journey_id: journey!.id, kind: 'prenatal',
    starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString(), location: '12 Harbor Street',
  })
  const privateNote = `Private: partner seemed anxious ${Date.now()}`
  await rest('POST', '/rest/v1/notes', { practice_id: practice!.id, client_id: client!.id, journey_id: journey!.id, body: privateNote })
  await rest('POST', '/rest/v1/milestones', { practice_id: practice!.id, client_id: client!.id, journey_id: journey!.id, title: 'Birth plan review', shared_with_client: true })
  // The doula invites her; nothing links her login to the record until she accepts from her inbox.
  await doula.goto(`/dashboard/clients/${client!.id}`)
  const invitedBefore = await latestId(clientEmail)
  await doula.getByTestId('invite-to-portal-send').click()
  await expect(doula.getByTestId('portal-status')).toContainText('she has not accepted it yet')
  const invitation = await waitForMail(clientEmail, invitedBefore)
  expect(invitation.subject).toBe('You are invited to DoulaOS')
  expect(await rest('GET', `/rest/v1/clients?select=portal_user_id&id=eq.${client!.id}`)).toEqual([{ portal_user_id: null }])

  // She accepts on her phone, signed in by the invitation's link.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const portal = await context.newPage()
  await portal.goto(confirmLink(invitation).toString())
  await expect(portal).toHaveURL(/\/portal-join\?token=/)
  await expect(portal.getByTestId('portal-join')).toContainText('Accept the invitation')
  await expectNoSeriousA11yIssues(portal)
  await shoot(portal, 'join')
  await portal.getByTestId('portal-join-accept').click()
  await expect(portal).toHaveURL(/\/portal$/)
  await doula.goto(`/dashboard/clients/${client!.id}`)
  await expect(doula.getByTestId('portal-status')).toContainText('She has accepted her portal invitation')

  // The doula adds two files from the client page: one shared with her, one kept for the practice.
  await doula.getByTestId('client-tab-documents').click()
  await expect(doula).toHaveURL(/\?tab=documents$/)
  await expect(doula.getByTestId('client-documents-empty')).toBeVisible()
  await doula.getByTestId('document-input').setInputFiles({ name: 'intake-notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% intake\n%%EOF\n') })
  await expect(doula.getByTestId('client-document').filter({ hasText: 'intake-notes.pdf' })).toContainText('Practice only')
  await doula.getByTestId('document-share-on-upload').check()
  await doula.getByTestId('document-input').setInputFiles({ name: 'welcome-pack.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% welcome\n%%EOF\n') })
  const welcome = doula.getByTestId('client-document').filter({ hasText: 'welcome-pack.pdf' })
  await expect(welcome).toContainText('Shared with her')
  await expect(doula.getByTestId('client-document').first()).toContainText('welcome-pack.pdf')
  await expect(welcome).toContainText('Maya Reyes')
  await expectNoSeriousA11yIssues(doula)
  await shootDashboard(doula, 'client-documents')
  // Deleting asks in a dialog that names the file and, as this one is shared with her, says she loses it too.
  await doula.getByTestId('document-share-on-upload').check()
  await doula.getByTestId('document-input').setInputFiles({ name: 'old-consent.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') })
  const consent = doula.getByTestId('client-document').filter({ hasText: 'old-consent.pdf' })
  await expect(consent).toContainText('Shared with her')
  await consent.getByTestId('document-delete').click()
  const deleteDialog = doula.getByTestId('document-delete-dialog')
  await expect(deleteDialog.getByRole('heading')).toHaveText('Delete old-consent.pdf?')
  await expect(deleteDialog).toContainText('She will no longer see it in her portal either. This cannot be undone.')
  await expectNoSeriousA11yIssues(doula)
  const doulaViewport = doula.viewportSize()!
  for (const width of [1280, 390]) {
    await doula.setViewportSize({ width, height: 900 })
    await doula.screenshot({ path: `test-results/screens/dashboard-document-delete-dialog-${width}.png` })
  }
  await doula.setViewportSize(doulaViewport)
  await deleteDialog.getByTestId('confirm-remove').click()
  await expect(deleteDialog).toBeHidden()
  await expect(consent).toHaveCount(0)
  await expect(doula.locator('#client-documents-section')).toBeFocused()
  expect(await rest('GET', '/rest/v1/documents?select=id&file_name=eq.old-consent.pdf')).toEqual([])
  // The member route answers 404 for a client that is not her practice's (here: none at all).
  const complete = { stagingPath: `${crypto.randomUUID()}/${crypto.randomUUID()}/${crypto.randomUUID()}`, fileName: 'x.pdf', size: 15, shared: true }
  const stranger = await doula.request.post(`/api/clients/${crypto.randomUUID()}/documents`, { data: complete })
  expect(stranger.status()).toBe(404)

  await portal.goto('/portal')
  await expect(portal.getByTestId('portal-next-appointment')).toContainText('Prenatal visit')
  await expect(portal.getByTestId('portal-milestones')).toContainText('Birth plan review')
  await expect(portal.getByTestId('portal-progress')).toContainText('days to go')
  await shoot(portal, 'home')

  await portal.goto('/portal/appointments')
  await expect(portal.getByTestId('add-to-calendar')).toBeVisible()
  await shoot(portal, 'appointments')

  // The member route is closed to her, even for her own record.
  const asClient = await portal.request.post(`/api/clients/${client!.id}/documents`, { data: complete })
  expect(asClient.status()).toBe(403)

  // Only the shared file reaches her, and she can download it.
  await portal.goto('/portal/documents')
  await expect(portal.getByTestId('document')).toHaveCount(1)
  await expect(portal.getByTestId('document')).toContainText('welcome-pack.pdf')
  await expect(portal.getByTestId('document-list')).not.toContainText('intake-notes.pdf')
  const [shared] = await Promise.all([portal.waitForEvent('download'), portal.getByTestId('document-download').click()])
  expect((await readFile((await shared.path())!)).toString('latin1')).toBe('%PDF-1.7\n% welcome\n%%EOF\n')
  await portal.getByTestId('document-input').setInputFiles({ name: 'birth-plan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') })
  await expect(portal.getByTestId('document').filter({ hasText: 'birth-plan.pdf' })).toBeVisible()
  await portal.getByTestId('document-input').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') })
  await expect(portal.getByTestId('document-upload').getByRole('alert')).toContainText('Only PDF, JPEG, PNG and HEIC')
  await expect(portal.getByTestId('document')).toHaveCount(2)
  // Over Vercel's 4.5 MB function body limit: the file goes from her browser straight to Storage,
  // and no request to the app carries more than a few hundred bytes.
  const appOrigin = new URL(portal.url()).origin
  const appBodies: number[] = []
  const onRequest = (request: Request) => {
    if (request.url().startsWith(appOrigin)) appBodies.push(request.postDataBuffer()?.byteLength ?? 0)
  }
  portal.on('request', onRequest)
  const bigScan = Buffer.alloc(6 * 1024 * 1024, 0x20)
  bigScan.write('%PDF-1.7\n')
  await portal.getByTestId('document-input').setInputFiles({ name: 'ultrasound-scan.pdf', mimeType: 'application/pdf', buffer: bigScan })
  await expect(portal.getByTestId('document').filter({ hasText: 'ultrasound-scan.pdf' })).toBeVisible()
  portal.off('request', onRequest)
  expect(Math.max(...appBodies)).toBeLessThan(1024)
  expect(await rest('GET', '/rest/v1/documents?select=size_bytes&file_name=eq.ultrasound-scan.pdf')).toEqual([{ size_bytes: bigScan.byteLength }])
  await expect(portal.getByTestId('document')).toHaveCount(3)
  await shoot(portal, 'documents')

  // Deleting her own file asks in a dialog: cancelling keeps the file, confirming removes it.
  await portal.getByTestId('document-input').setInputFiles({ name: 'old-scan-of-the-hospital-pre-registration-form-2026.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') })
  const scan = portal.getByTestId('document').filter({ hasText: 'old-scan-of-the-hospital-pre-registration-form-2026.pdf' })
  // A long name wraps on a phone instead of being cut off: all of it can be read.
  const scanName = scan.getByTestId('document-name')
  await expect(scanName).toHaveText('old-scan-of-the-hospital-pre-registration-form-2026.pdf')
  expect(await scanName.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
  expect((await scanName.boundingBox())!.width).toBeLessThanOrEqual(390)
  const scanRows = () => rest<{ id: string }[]>('GET', '/rest/v1/documents?select=id&file_name=eq.old-scan-of-the-hospital-pre-registration-form-2026.pdf')
  await scan.getByTestId('document-delete').click()
  const portalDialog = portal.getByTestId('document-delete-dialog')
  await expect(portalDialog.getByRole('heading')).toHaveText('Delete old-scan-of-the-hospital-pre-registration-form-2026.pdf?')
  await expect(portalDialog).toContainText('This cannot be undone.')
  await expectNoSeriousA11yIssues(portal)
  await portal.screenshot({ path: 'test-results/screens/portal-document-delete-dialog-390.png' })
  await portalDialog.getByTestId('confirm-cancel').click()
  await expect(portalDialog).toBeHidden()
  await expect(scan.getByTestId('document-delete')).toBeFocused()
  expect(await scanRows()).toHaveLength(1)
  await portal.reload()
  await expect(scan).toHaveCount(1)
  await scan.getByTestId('document-delete').click()
  await portalDialog.getByTestId('confirm-remove').click()
  await expect(portalDialog).toBeHidden()
  await expect(scan).toHaveCount(0)
  await expect(portal.locator('#portal-documents')).toBeFocused()
  expect(await scanRows()).toEqual([])
  await expect(portal.getByTestId('document')).toHaveCount(3)

  await portal.goto('/portal/messages')
  await portal.getByTestId('message-body').fill('Hi Maya, I uploaded my birth plan.')
  await portal.getByTestId('message-send').click()
  await expect(portal.getByTestId('message')).toContainText('I uploaded my birth plan')
  // On her doula's clock (the practice's zone, New York by default), labelled so she can tell.
  await expect(portal.getByTestId('message').locator('time')).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M E[SD]T$/)

  // The doula answers from her inbox: the thread shows as unread, opening it marks it read.
  const beforeReply = await latestId(clientEmail)
  await doula.goto('/dashboard/messages')
  await expect(doula.getByTestId('inbox-thread')).toContainText('Ines')
  await expect(doula.getByTestId('inbox-unread')).toContainText('1 unread')
  // Fetching the thread's page (a prefetch, a crawler) reads nothing: only the open page marks it read.
  const fetched = await doula.request.get(`/dashboard/messages/${client!.id}`)
  expect(fetched.status()).toBe(200)
  expect(await fetched.text()).toContain('I uploaded my birth plan')
  await doula.reload()
  await expect(doula.getByTestId('inbox-unread')).toContainText('1 unread')
  await doula.getByTestId('inbox-thread').click()
  await expect(doula).toHaveURL(new RegExp(`/dashboard/messages/${client!.id}$`))
  await expect(doula.getByTestId('message-thread')).toContainText('I uploaded my birth plan')
  await doula.getByTestId('message-body').fill('Thank you, Ines! See you on Thursday.')
  await doula.getByTestId('message-send').click()
  await expect(doula.getByTestId('message-thread')).toContainText('See you on Thursday')
  await doula.goto('/dashboard/messages')
  await expect(doula.getByTestId('inbox-thread')).toContainText('Ines')
  await expect(doula.getByTestId('inbox-unread')).toHaveCount(0)

  // The same thread and her upload on the client page's tabs.
  await doula.goto(`/dashboard/clients/${client!.id}?tab=messages`)
  await expect(doula.getByTestId('message-thread')).toContainText('I uploaded my birth plan')
  await expect(doula.getByTestId('client-messages-inbox')).toHaveAttribute('href', '/dashboard/messages')
  await expectNoSeriousA11yIssues(doula)
  await shootDashboard(doula, 'client-messages')
  await doula.goto(`/dashboard/clients/${client!.id}?tab=documents`)
  await expect(doula.getByTestId('client-document').filter({ hasText: 'birth-plan.pdf' })).toContainText('Her upload')
  await shootDashboard(doula, 'client-documents-hers')

  // The cron drains the outbox; the email says only that a message is waiting.
  const drain = await fetch(new URL('/api/cron/outbox', env('E2E_BASE_URL')), { headers: { Authorization: `Bearer ${LOCAL_CRON_SECRET}` } })
  expect(drain.status).toBe(200)
  const notice = await waitForMail(clientEmail, beforeReply)
  expect(notice.subject).toBe('You have a new message')
  expect(notice.text).not.toContain('Thursday')
  const threadLink = notice.links.find((l) => new URL(l).pathname === '/portal/messages')
  expect(threadLink).toBeDefined()
  await portal.goto(threadLink!)
  await expect(portal.getByTestId('message-thread')).toContainText('See you on Thursday')
  await shoot(portal, 'messages')

  // The owner has reminders go out a week ahead (a bad number is refused at the field first).
  await doula.goto('/dashboard/settings')
  await doula.getByTestId('settings-reminders').click()
  await expect(doula).toHaveURL(/\/dashboard\/settings\/reminders$/)
  await doula.getByLabel('Hours before the appointment').fill('200')
  await doula.getByTestId('reminder-settings-save').click()
  await expect(doula.locator('#hoursBefore-error')).toHaveText('Enter a number of hours from 1 to 168.')
  await doula.getByLabel('Hours before the appointment').fill('168')
  await doula.getByTestId('reminder-settings-save').click()
  await expect(doula.getByTestId('reminder-settings-form')).toContainText('Saved.')
  await expectNoSeriousA11yIssues(doula)
  await shootDashboard(doula, 'settings-reminders')
  await expect(doula.getByLabel('Hours before the appointment')).toHaveValue('168')

  // Her appointment is now within the window: the reminder cron queues it, the outbox sends it with a calendar file.
  const beforeReminder = await latestId(clientEmail)
  const cron = { headers: { Authorization: `Bearer ${LOCAL_CRON_SECRET}` } }
  const remind = await fetch(new URL('/api/cron/appointment-reminders', env('E2E_BASE_URL')), cron)
  expect(remind.status).toBe(200)
  expect((await fetch(new URL('/api/cron/outbox', env('E2E_BASE_URL')), cron)).status).toBe(200)
  const reminder = await waitForMail(clientEmail, beforeReminder)
  expect(reminder.subject).toBe('Appointment reminder from Lantern Doulas')
  expect(reminder.text).toContain('Your appointment with Lantern Doulas is on')
  expect(reminder.text).not.toContain('12 Harbor Street')
  const ics = await (await fetch(`${env('E2E_MAILBOX_URL')}/messages/${reminder.id}/attachments/0`)).text()
  expect(ics).toContain(`DTSTART:${start.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`)

  await portal.goto('/portal/profile')
  await expect(portal.getByTestId('contact-form')).toBeVisible()
  // She turns her reminders off; the choice holds after a reload.
  await expect(portal.getByTestId('appointment-reminders')).toBeChecked()
  await portal.getByTestId('appointment-reminders').uncheck()
  await portal.getByTestId('reminder-save').click()
  await expect(portal.getByTestId('reminder-form')).toContainText('Your choice is saved.')
  await portal.reload()
  await expect(portal.getByTestId('appointment-reminders')).not.toBeChecked()
  expect(await rest('GET', `/rest/v1/clients?select=appointment_reminders&id=eq.${client!.id}`)).toEqual([{ appointment_reminders: false }])
  await expectNoSeriousA11yIssues(portal)
  await shoot(portal, 'profile')
  await portal.setViewportSize({ width: 1280, height: 800 })
  await expectNoSeriousA11yIssues(portal)
  await shoot(portal, 'profile')
  await portal.setViewportSize({ width: 390, height: 844 })

  // "Download my data": one zip with her thread and her upload, and nothing the practice keeps private.
  const [download] = await Promise.all([portal.waitForEvent('download'), portal.getByTestId('download-my-data').click()])
  expect(download.suggestedFilename()).toMatch(/^my-doulaos-data-\d{4}-\d{2}-\d{2}\.zip$/)
  const archive = await readFile((await download.path())!)
  expect(archive.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
  const entries = new Map(readZip(archive).entries.map((e) => [e.name, e.data]))
  expect(entries.get('data/messages.json')!.toString('utf8')).toContain('I uploaded my birth plan')
  expect(entries.get('data/messages.json')!.toString('utf8')).toContain('See you on Thursday')
  const upload = [...entries.keys()].find((name) => name.startsWith('files/') && name.endsWith('-birth-plan.pdf'))
  expect(upload).toBeDefined()
  expect(entries.get(upload!)!.toString('latin1')).toBe('%PDF-1.7\n%%EOF\n')
  expect(archive.toString('latin1')).not.toContain(privateNote)
  expect(entries.has('manifest.json')).toBe(true)

  // Asking the practice to delete her data is confirmed in the same dialog; the answer takes its place.
  await portal.getByTestId('request-deletion').click()
  const requestDialog = portal.getByTestId('deletion-request-dialog')
  await expect(requestDialog.getByRole('heading')).toHaveText('Ask your practice to delete your data?')
  await portal.screenshot({ path: 'test-results/screens/portal-deletion-request-dialog-390.png' })
  await requestDialog.getByTestId('confirm-remove').click()
  await expect(requestDialog).toBeHidden()
  await expect(portal.getByTestId('deletion-requested')).toBeFocused()
  await expect(portal.getByTestId('deletion-requested')).toContainText('Your practice has your request')
  await context.close()
  await doulaContext.close()
})
