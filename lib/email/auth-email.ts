import { createElement, type ReactElement } from 'react'
import { z } from 'zod'
import { ConfirmSignupEmail, confirmSignupSubject } from '@/emails/confirm-signup'
import { EmailChangeEmail, emailChangeSubject } from '@/emails/email-change'
import { InviteEmail, inviteSubject } from '@/emails/invite'
import { MagicLinkEmail, magicLinkSubject } from '@/emails/magic-link'
import { ReauthenticationEmail, reauthenticationSubject } from '@/emails/reauthentication'
import { RecoveryEmail, recoverySubject } from '@/emails/recovery'
import { safeRedirectPath } from '@/lib/redirect'

/**
 * The part of Supabase's send-email hook payload the app uses (contract §8). Every type but
 * `reauthentication` (a code, no link) needs a token hash, and an email change needs the new address.
 */
export const SendEmailHookSchema = z
  .object({
    user: z.object({
      email: z.email(),
      new_email: z.string().nullish(),
      user_metadata: z.record(z.string(), z.unknown()).nullish(),
    }),
    email_data: z.object({
      token: z.string().optional().default(''),
      token_hash: z.string().optional().default(''),
      token_hash_new: z.string().optional().default(''),
      redirect_to: z.string().optional().default(''),
      email_action_type: z.string().min(1),
    }),
  })
  .refine(({ email_data: data }) => (data.email_action_type === 'reauthentication' ? data.token : data.token_hash), {
    message: 'The email needs a token_hash (a link) or, for reauthentication, a token (a code)',
  })
  .refine(({ user, email_data: data }) => data.email_action_type !== 'email_change' || z.email().safeParse(user.new_email).success, {
    message: 'An email change needs the new address in user.new_email',
  })
export type SendEmailHook = z.infer<typeof SendEmailHookSchema>

export interface AuthEmail {
  to: string
  subject: string
  react: ReactElement
}

/** Matches `[auth.email] otp_expiry = 600` in supabase/config.toml. */
const LINK_LIFETIME_MINUTES = 10

const metadataString = (metadata: Record<string, unknown> | null | undefined, key: string) => {
  const value = metadata?.[key]
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

/**
 * The in-app path the person asked to return to, carried as `next` on the redirect URL the app gave
 * Supabase. Anything that is not a relative in-app path is dropped here and again at /auth/confirm.
 */
function nextFrom(redirectTo: string): string | null {
  let next: string | null
  try {
    next = new URL(redirectTo).searchParams.get('next')
  } catch {
    return null
  }
  if (!next) return null
  const safe = safeRedirectPath(next, '')
  return safe || null
}

/** `<site>/auth/confirm?token_hash=…&type=…[&next=…]`: verified by the app, never by a GET to Supabase. */
export function confirmLink(siteUrl: string, hook: SendEmailHook, tokenHash = hook.email_data.token_hash): string {
  const url = new URL('/auth/confirm', siteUrl)
  url.searchParams.set('token_hash', tokenHash)
  url.searchParams.set('type', hook.email_data.email_action_type)
  const next = nextFrom(hook.email_data.redirect_to) ?? (hook.email_data.email_action_type === 'invite' ? '/portal' : null)
  if (next) url.searchParams.set('next', next)
  return url.toString()
}

/**
 * An email change goes to the new address. With secure email change on, GoTrue also wants the
 * current address to confirm, and (a documented quirk) puts the current address's hash in
 * `token_hash_new` and the new address's hash in `token_hash`.
 */
function emailChangeEmails(siteUrl: string, hook: SendEmailHook): AuthEmail[] {
  const newEmail = hook.user.new_email ?? ''
  const toNew: AuthEmail = {
    to: newEmail,
    subject: emailChangeSubject.new,
    react: createElement(EmailChangeEmail, {
      link: confirmLink(siteUrl, hook),
      newEmail,
      recipient: 'new',
      expiresInMinutes: LINK_LIFETIME_MINUTES,
    }),
  }
  const currentHash = hook.email_data.token_hash_new
  if (!currentHash) return [toNew]
  const toCurrent: AuthEmail = {
    to: hook.user.email,
    subject: emailChangeSubject.current,
    react: createElement(EmailChangeEmail, {
      link: confirmLink(siteUrl, hook, currentHash),
      newEmail,
      recipient: 'current',
      expiresInMinutes: LINK_LIFETIME_MINUTES,
    }),
  }
  return [toCurrent, toNew]
}

/**
 * The emails one hook call sends (one, or two for a secure email change), or null for action types
 * the app does not send (the optional `*_notification` types, which config.toml leaves off).
 */
export function buildAuthEmails(siteUrl: string, hook: SendEmailHook): AuthEmail[] | null {
  const metadata = hook.user.user_metadata
  const to = hook.user.email
  const link = () => confirmLink(siteUrl, hook)
  switch (hook.email_data.email_action_type) {
    case 'magiclink':
    case 'email':
      return [{ to, subject: magicLinkSubject, react: createElement(MagicLinkEmail, { link: link(), expiresInMinutes: LINK_LIFETIME_MINUTES }) }]
    case 'signup': {
      const firstName = metadataString(metadata, 'full_name')?.split(/\s+/)[0] ?? null
      return [
        {
          to,
          subject: confirmSignupSubject,
          react: createElement(ConfirmSignupEmail, { link: link(), firstName, expiresInMinutes: LINK_LIFETIME_MINUTES }),
        },
      ]
    }
    case 'invite':
      return [
        {
          to,
          subject: inviteSubject,
          react: createElement(InviteEmail, {
            link: link(),
            practiceName: metadataString(metadata, 'invited_to_practice_name'),
            expiresInMinutes: LINK_LIFETIME_MINUTES,
          }),
        },
      ]
    case 'recovery':
      return [{ to, subject: recoverySubject, react: createElement(RecoveryEmail, { link: link(), expiresInMinutes: LINK_LIFETIME_MINUTES }) }]
    case 'email_change':
      return emailChangeEmails(siteUrl, hook)
    case 'reauthentication':
      return [
        {
          to,
          subject: reauthenticationSubject,
          react: createElement(ReauthenticationEmail, { code: hook.email_data.token, expiresInMinutes: LINK_LIFETIME_MINUTES }),
        },
      ]
    default:
      return null
  }
}
