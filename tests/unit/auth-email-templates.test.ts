import { render } from '@react-email/render'
import { describe, expect, it } from 'vitest'
import { buildAuthEmails, SendEmailHookSchema, type AuthEmail } from '@/lib/email/auth-email'

const SITE = 'https://app.doulaos.com'
/** Planted in user metadata: no auth email may ever carry it. */
const HEALTH_CANARY = 'CANARY-preeclampsia'

function hook(type: string, data: { token?: string; tokenHash?: string; tokenHashNew?: string; newEmail?: string } = {}) {
  return SendEmailHookSchema.parse({
    user: {
      email: 'amara@example.com',
      new_email: data.newEmail,
      user_metadata: { full_name: 'Amara Okafor', notes: HEALTH_CANARY },
    },
    email_data: {
      token: data.token ?? '',
      token_hash: data.tokenHash ?? '',
      token_hash_new: data.tokenHashNew ?? '',
      redirect_to: `${SITE}/auth/confirm`,
      email_action_type: type,
    },
  })
}

async function rendered(email: AuthEmail) {
  const [html, text] = await Promise.all([render(email.react), render(email.react, { plainText: true })])
  return { html, text }
}

function emailsFor(type: string, data: Parameters<typeof hook>[1]): AuthEmail[] {
  const emails = buildAuthEmails(SITE, hook(type, data))
  if (!emails) throw new Error(`${type} has no template`)
  return emails
}

describe('auth email templates', () => {
  it.each([
    ['magiclink', 'Sign in to DoulaOS'],
    ['email', 'Sign in to DoulaOS'],
    ['signup', 'Confirm and open my practice'],
    ['invite', 'Accept invitation'],
    ['recovery', 'Sign in to DoulaOS'],
  ])('renders %s with a one-time link to the app and no health data', async (type, button) => {
    const [email] = emailsFor(type, { tokenHash: 'hash_abc' })
    if (!email) throw new Error('no email')
    const { html, text } = await rendered(email)
    expect(email.to).toBe('amara@example.com')
    expect(html).toContain(`${SITE}/auth/confirm?token_hash=hash_abc&amp;type=${type}`)
    expect(text).toContain(button)
    expect(text).toContain('expires in 10 minutes')
    expect(html + text + email.subject).not.toContain(HEALTH_CANARY)
  })

  it('renders a recovery email that offers a sign-in, not a password reset', async () => {
    const [email] = emailsFor('recovery', { tokenHash: 'hash_abc' })
    if (!email) throw new Error('no email')
    const { text } = await rendered(email)
    expect(email.subject).toBe('Get back into your DoulaOS account')
    expect(text).toContain('there is no password to reset')
  })

  it('sends an email change to the new address only, when secure email change is off', async () => {
    const emails = emailsFor('email_change', { tokenHash: 'hash_new', newEmail: 'amara@willow.example' })
    expect(emails.map((email) => [email.to, email.subject])).toEqual([
      ['amara@willow.example', 'Confirm your new email address for DoulaOS'],
    ])
    const { html, text } = await rendered(emails[0]!)
    expect(html).toContain(`${SITE}/auth/confirm?token_hash=hash_new&amp;type=email_change`)
    expect(text).toContain('Confirm the change')
    expect(html + text).not.toContain(HEALTH_CANARY)
  })

  it('asks both addresses with secure email change, each with its own hash (token_hash_new is the current one)', async () => {
    const emails = emailsFor('email_change', { tokenHash: 'hash_for_new', tokenHashNew: 'hash_for_current', newEmail: 'amara@willow.example' })
    expect(emails.map((email) => email.to)).toEqual(['amara@example.com', 'amara@willow.example'])
    const [current, next] = await Promise.all(emails.map(rendered))
    expect(emails[0]?.subject).toBe('Confirm the change of your DoulaOS email address')
    expect(current?.html).toContain('token_hash=hash_for_current&amp;type=email_change')
    expect(current?.text).toContain('to amara@willow.example')
    expect(next?.html).toContain('token_hash=hash_for_new&amp;type=email_change')
    expect(next?.html).not.toContain('hash_for_current')
  })

  it('renders reauthentication as a code, kept out of the subject, with no link', async () => {
    const [email] = emailsFor('reauthentication', { token: '493027' })
    if (!email) throw new Error('no email')
    const { html, text } = await rendered(email)
    expect(email.subject).toBe('Your DoulaOS confirmation code')
    expect(email.subject).not.toContain('493027')
    expect(text).toContain('493027')
    expect(html).not.toContain('/auth/confirm')
    expect(html + text).not.toContain(HEALTH_CANARY)
  })

  it('rejects payloads a template cannot be built from', () => {
    expect(SendEmailHookSchema.safeParse(hook('magiclink', { tokenHash: 'x' })).success).toBe(true)
    const parse = (type: string, data: { token?: string; tokenHash?: string; newEmail?: string }) =>
      SendEmailHookSchema.safeParse({
        user: { email: 'amara@example.com', new_email: data.newEmail },
        email_data: { token: data.token ?? '', token_hash: data.tokenHash ?? '', email_action_type: type },
      }).success
    expect(parse('magiclink', { token: '123456' })).toBe(false)
    expect(parse('reauthentication', { tokenHash: 'x' })).toBe(false)
    expect(parse('email_change', { tokenHash: 'x' })).toBe(false)
    expect(parse('email_change', { tokenHash: 'x', newEmail: 'not-an-address' })).toBe(false)
    expect(parse('email_change', { tokenHash: 'x', newEmail: 'amara@willow.example' })).toBe(true)
  })
})
