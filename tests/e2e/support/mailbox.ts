import { expect } from '@playwright/test'

export interface Mail {
  id: string
  subject: string
  html: string
  text: string
  links: string[]
}

const mailboxUrl = () => {
  const url = process.env.E2E_MAILBOX_URL
  if (!url) throw new Error('E2E_MAILBOX_URL is not set: run the suite through playwright.config.ts')
  return url
}

async function latest(to: string): Promise<Mail | null> {
  const res = await fetch(`${mailboxUrl()}/api/messages/latest?to=${encodeURIComponent(to)}`)
  if (res.status === 404) return null
  expect(res.status).toBe(200)
  return (await res.json()) as Mail
}

/** The id of the newest message to `to`, to tell a new arrival from an old one. */
export async function latestId(to: string): Promise<string | null> {
  return (await latest(to))?.id ?? null
}

/** Polls until a message newer than `after` reaches `to`. */
export async function waitForMail(to: string, after: string | null = null, timeoutMs = 15_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const mail = await latest(to)
    if (mail && mail.id !== after) return mail
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`No new email reached ${to} within ${timeoutMs} ms`)
}

/** The sign-in link in an auth email (the one pointing at the app's /auth/confirm). */
export function confirmLink(mail: Mail): URL {
  const link = mail.links.find((l) => new URL(l).pathname === '/auth/confirm')
  if (!link) throw new Error(`No /auth/confirm link in "${mail.subject}": ${mail.links.join(', ')}`)
  return new URL(link)
}
