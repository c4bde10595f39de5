import { randomUUID } from 'node:crypto'
import type { LocalContext } from '../types.ts'
import { callHook } from './hook.ts'
import type { EmailAction } from './tokens.ts'
import { userJson, type Db, type UserRow } from './users.ts'

export interface AuthEmail {
  user: UserRow
  action: EmailAction
  otp: string
  hash: string
  redirectTo: string
  /** Where the mail goes when not to the user's current address (email change). */
  to?: string
  ip: string
}

const SUBJECTS: Record<EmailAction, string> = {
  signup: 'Confirm Your Signup',
  invite: 'You have been invited',
  magiclink: 'Your Magic Link',
  recovery: 'Reset Your Password',
  email_change: 'Confirm Email Change',
}

const HEADINGS: Record<EmailAction, string> = {
  signup: 'Confirm your signup',
  invite: 'You have been invited',
  magiclink: 'Magic Link',
  recovery: 'Reset Password',
  email_change: 'Confirm Change of Email',
}

/**
 * `{{ .ConfirmationURL }}`: every link type goes through `<external_url>/verify` (CLI mailer url
 * paths). Like GoTrue, redirect_to is query-escaped only when it holds `&`, `=` or `#`.
 */
export function confirmationUrl(externalUrl: string, hash: string, type: string, redirectTo: string): string {
  const redirect = /[&=#]/.test(redirectTo) ? new URLSearchParams({ r: redirectTo }).toString().slice(2) : redirectTo
  return `${externalUrl}/verify?token=${hash}&type=${type}&redirect_to=${redirect}`
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

function render(email: AuthEmail, link: string) {
  const heading = HEADINGS[email.action]
  const text = `${heading}\n\nFollow this link:\n${link}\n\nOr enter this code: ${email.otp}\n`
  const html =
    `<h2>${escapeHtml(heading)}</h2>\n<p>Follow this link:</p>\n` +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(heading)}</a></p>\n` +
    `<p>Or enter this code: ${escapeHtml(email.otp)}</p>\n`
  return { html, text }
}

/**
 * Sends one auth email: through the send-email hook when enabled (§8), else rendered into the
 * stand-in's mailbox. Call it inside the request's transaction: a failure must undo the request.
 */
export async function sendAuthEmail(ctx: LocalContext, db: Db, email: AuthEmail) {
  const auth = ctx.config.auth
  const to = email.to ?? email.user.email ?? ''
  if (auth.sendEmailHook.enabled) {
    await callHook(auth.sendEmailHook, {
      metadata: { uuid: randomUUID(), time: new Date().toISOString(), name: 'send-email', ip_address: email.ip },
      user: await userJson(db, email.user),
      email_data: {
        token: email.otp,
        token_hash: email.hash,
        redirect_to: email.redirectTo,
        email_action_type: email.action,
        site_url: auth.externalUrl,
        token_new: '',
        token_hash_new: '',
        old_email: email.action === 'email_change' ? (email.user.email ?? '') : '',
        old_phone: '',
        provider: '',
        factor_type: '',
      },
    })
    return
  }
  const link = confirmationUrl(auth.externalUrl, email.hash, email.action, email.redirectTo)
  ctx.mailbox.deliver({
    from: 'Admin <admin@email.com>',
    to: [to],
    subject: SUBJECTS[email.action],
    ...render(email, link),
  })
}
