import { expect } from 'vitest'
import { stack } from './stack.ts'

/** What the stand-in's mailbox API answers for one message (see supabase/local/mailbox). */
export interface MailboxMessage {
  id: string
  subject: string
  html: string
  text: string
  links: string[]
}

/** Every message to `to`, newest first, in the shared stack's mailbox unless another is named. */
export async function messagesTo(to: string, mailboxUrl = stack().mailboxUrl): Promise<Pick<MailboxMessage, 'id' | 'subject'>[]> {
  const res = await fetch(`${mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`)
  expect(res.status).toBe(200)
  return (await res.json()) as Pick<MailboxMessage, 'id' | 'subject'>[]
}

/** The newest message to `to`; fails the test when there is none. */
export async function latestMail(to: string, mailboxUrl = stack().mailboxUrl): Promise<MailboxMessage> {
  const res = await fetch(`${mailboxUrl}/api/messages/latest?to=${encodeURIComponent(to)}`)
  expect(res.status).toBe(200)
  return (await res.json()) as MailboxMessage
}
