import { describe, expect, it } from 'vitest'
import { buildAuthEmails, confirmLink, SendEmailHookSchema, type SendEmailHook } from '@/lib/email/auth-email'

const SITE = 'https://app.doulaos.com'

function hook(type: string, redirectTo = `${SITE}/auth/confirm`): SendEmailHook {
  return SendEmailHookSchema.parse({
    user: { email: 'amara@example.com', user_metadata: { full_name: 'Amara Okafor' } },
    email_data: { token_hash: 'pkce_abc123', redirect_to: redirectTo, email_action_type: type },
  })
}

describe('confirmLink', () => {
  it('points at the app, never at the auth server', () => {
    expect(confirmLink(SITE, hook('magiclink'))).toBe(`${SITE}/auth/confirm?token_hash=pkce_abc123&type=magiclink`)
  })

  it('carries an in-app next from the redirect URL', () => {
    const link = new URL(confirmLink(SITE, hook('magiclink', `${SITE}/auth/confirm?next=%2Fdashboard%2Fcalendar`)))
    expect(link.searchParams.get('next')).toBe('/dashboard/calendar')
  })

  it.each(['//evil.com', 'https://evil.com', '/\\evil.com', 'javascript:alert(1)'])('drops next=%s', (next) => {
    const link = new URL(confirmLink(SITE, hook('magiclink', `${SITE}/auth/confirm?next=${encodeURIComponent(next)}`)))
    expect(link.searchParams.has('next')).toBe(false)
  })

  it('sends invitations to the portal by default', () => {
    expect(new URL(confirmLink(SITE, hook('invite'))).searchParams.get('next')).toBe('/portal')
  })
})

describe('buildAuthEmails', () => {
  it.each([
    ['magiclink', 'Your DoulaOS sign-in link'],
    ['email', 'Your DoulaOS sign-in link'],
    ['signup', 'Confirm your email to open your DoulaOS practice'],
    ['invite', 'You are invited to DoulaOS'],
    ['recovery', 'Get back into your DoulaOS account'],
  ])('picks the %s template', (type, subject) => {
    expect(buildAuthEmails(SITE, hook(type))?.map((email) => email.subject)).toEqual([subject])
  })

  it('returns null for the optional notification types, which the app leaves off', () => {
    expect(buildAuthEmails(SITE, hook('password_changed_notification'))).toBeNull()
  })
})
