import { createElement, type ReactElement } from 'react'
import { z } from 'zod'
import { ConfirmSignupEmail, confirmSignupSubject } from '@/emails/confirm-signup'
import { InviteEmail, inviteSubject } from '@/emails/invite'
import { MagicLinkEmail, magicLinkSubject } from '@/emails/magic-link'
import { safeRedirectPath } from '@/lib/redirect'

/** The part of Supabase's send-email hook payload the app uses (contract §8). */
export const SendEmailHookSchema = z.object({
  user: z.object({
    email: z.email(),
    user_metadata: z.record(z.string(), z.unknown()).nullish(),
  }),
  email_data: z.object({
    token_hash: z.string().min(1),
    redirect_to: z.string().optional().default(''),
    email_action_type: z.string().min(1),
  }),
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
export function confirmLink(siteUrl: string, hook: SendEmailHook): string {
  const url = new URL('/auth/confirm', siteUrl)
  url.searchParams.set('token_hash', hook.email_data.token_hash)
  url.searchParams.set('type', hook.email_data.email_action_type)
  const next = nextFrom(hook.email_data.redirect_to) ?? (hook.email_data.email_action_type === 'invite' ? '/portal' : null)
  if (next) url.searchParams.set('next', next)
  return url.toString()
}

/** Picks the template for an auth email, or null for action types the app does not send yet. */
export function buildAuthEmail(siteUrl: string, hook: SendEmailHook): AuthEmail | null {
  const link = confirmLink(siteUrl, hook)
  const metadata = hook.user.user_metadata
  const to = hook.user.email
  switch (hook.email_data.email_action_type) {
    case 'magiclink':
    case 'email':
      return { to, subject: magicLinkSubject, react: createElement(MagicLinkEmail, { link, expiresInMinutes: LINK_LIFETIME_MINUTES }) }
    case 'signup': {
      const firstName = metadataString(metadata, 'full_name')?.split(/\s+/)[0] ?? null
      return {
        to,
        subject: confirmSignupSubject,
        react: createElement(ConfirmSignupEmail, { link, firstName, expiresInMinutes: LINK_LIFETIME_MINUTES }),
      }
    }
    case 'invite':
      return {
        to,
        subject: inviteSubject,
        react: createElement(InviteEmail, {
          link,
          practiceName: metadataString(metadata, 'invited_to_practice_name'),
          expiresInMinutes: LINK_LIFETIME_MINUTES,
        }),
      }
    default:
      return null
  }
}
