import { describe, expect, it } from 'vitest'
import { renderNotification, UnrenderableNotificationError, type NotificationRow } from '@/lib/notifications/templates'

const row = (payload: Record<string, unknown>, template = 'new-message'): NotificationRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  recipient: 'alma@example.com',
  template,
  payload,
  attempts: 1,
  idempotency_key: 'new-message:1:alma@example.com',
})

describe('renderNotification', () => {
  it('links a new-message email into the site with the row key, and no content', () => {
    const email = renderNotification(row({ path: '/portal/messages', threadId: 'x' }), 'https://app.doulaos.com')
    expect(email).toMatchObject({ to: 'alma@example.com', subject: 'You have a new message', idempotencyKey: 'new-message:1:alma@example.com' })
    expect(email.react.props).toEqual({ link: 'https://app.doulaos.com/portal/messages' })
  })

  it('refuses paths that would leave the site, and unknown templates', () => {
    for (const path of ['//evil.example/x', 'https://evil.example', '/portal/../..\\evil', 'javascript:alert(1)']) {
      expect(() => renderNotification(row({ path }), 'https://app.doulaos.com')).toThrow(UnrenderableNotificationError)
    }
    expect(() => renderNotification(row({}, 'appointment-reminder'), 'https://app.doulaos.com')).toThrow(UnrenderableNotificationError)
  })

  it('renders each billing notice with the billing page link and its date, in plain words', async () => {
    const { render } = await import('@react-email/render')
    const cases = [
      ['billing-trial-ending', 'Your DoulaOS trial ends soon', /trial ends on December 19, 2026/],
      ['billing-payment-failed', 'Your DoulaOS payment did not go through', /we will try again on December 19, 2026/],
      ['billing-cancelled', 'Your DoulaOS subscription has ended', /ended on December 19, 2026\. Your practice is now read-only/],
      ['billing-erasure-soon', 'Your DoulaOS practice will soon be deleted', /permanently deleted on December 19, 2026, with a receipt sent to you/],
    ] as const
    for (const [template, subject, text] of cases) {
      const email = renderNotification(row({ path: '/dashboard/settings/billing', date: '2026-12-19T10:00:00.000Z' }, template), 'https://app.doulaos.com')
      expect(email).toMatchObject({ subject, to: 'alma@example.com' })
      const plain = await render(email.react, { plainText: true })
      expect(plain).toMatch(text)
      expect(plain).toContain('https://app.doulaos.com/dashboard/settings/billing')
    }
    const action = renderNotification(row({ path: '/dashboard/settings/billing' }, 'billing-payment-action'), 'https://app.doulaos.com')
    expect(action.subject).toBe('Confirm your DoulaOS payment')
    expect(() => renderNotification(row({ path: 'https://evil.example' }, 'billing-cancelled'), 'https://app.doulaos.com')).toThrow(UnrenderableNotificationError)
    expect(() => renderNotification(row({ path: '/x', date: 'soon' }, 'billing-cancelled'), 'https://app.doulaos.com')).toThrow(UnrenderableNotificationError)
    expect(() => renderNotification(row({ path: '/x', eraseOn: 'next month' }, 'billing-cancelled'), 'https://app.doulaos.com')).toThrow(UnrenderableNotificationError)
  })

  it('tells the owner of an ended subscription the day her data goes unless she resubscribes', async () => {
    const { render } = await import('@react-email/render')
    const payload = { path: '/dashboard/settings/billing', date: '2026-12-19T10:00:00+00:00', eraseOn: '2027-01-18T10:00:00+00:00' }
    const plain = await render(renderNotification(row(payload, 'billing-cancelled'), 'https://app.doulaos.com').react, { plainText: true })
    expect(plain.replace(/\s+/g, ' ')).toContain('Unless you resubscribe, your practice and all its data will be permanently deleted on January 18, 2027.')
  })
})

describe('paperwork emails', () => {
  const form = { path: '/portal/forms/00000000-0000-4000-8000-000000000002', practiceName: 'Harbor Doula Collective', kind: 'agreement', dueOn: '2027-03-14' }

  it('brands a form email with the practice and its due date, never the form itself', () => {
    const email = renderNotification(row(form, 'form-request'), 'https://app.doulaos.com')
    expect(email.subject).toBe('Harbor Doula Collective sent you an agreement to sign')
    expect(email.react.props).toMatchObject({ link: 'https://app.doulaos.com/portal/forms/00000000-0000-4000-8000-000000000002', dueOn: 'March 14, 2027', reminder: false })
    const reminder = renderNotification(row({ ...form, kind: 'intake', dueOn: null }, 'form-reminder'), 'https://app.doulaos.com')
    expect(reminder.subject).toBe('Reminder: Harbor Doula Collective is waiting for a form to fill in')
  })

  it('links the partner to her own signing page and the practice to the agreement', () => {
    const partner = renderNotification(row({ path: `/sign/${'a'.repeat(64)}`, practiceName: 'Harbor' }, 'partner-signature'), 'https://app.doulaos.com')
    expect(partner.subject).toBe('Harbor asks you to sign an agreement')
    const countersign = renderNotification(row({ path: '/dashboard/clients/x/forms/y' }, 'form-countersign'), 'https://app.doulaos.com')
    expect(countersign.react.props).toEqual({ link: 'https://app.doulaos.com/dashboard/clients/x/forms/y' })
  })

  it('refuses a form email without its practice or with an unknown kind', () => {
    expect(() => renderNotification(row({ path: '/portal/forms/x', kind: 'intake' }, 'form-request'), 'https://app.doulaos.com')).toThrow(UnrenderableNotificationError)
    expect(() => renderNotification(row({ ...form, kind: 'contract' }, 'form-request'), 'https://app.doulaos.com')).toThrow(UnrenderableNotificationError)
  })
})

describe('inquiry emails', () => {
  it('brands both with the practice, and repeats nothing she wrote', () => {
    const practice = renderNotification(row({ path: '/dashboard/clients/c1', practiceName: 'Harbor' }, 'new-inquiry'), 'https://app.doulaos.com')
    expect(practice.subject).toBe('A new inquiry for Harbor')
    expect(practice.react.props).toEqual({ link: 'https://app.doulaos.com/dashboard/clients/c1', practiceName: 'Harbor' })
    const person = renderNotification(row({ path: '/p/harbor', practiceName: 'Harbor', message: 'private' }, 'inquiry-received'), 'https://app.doulaos.com')
    expect(person.subject).toBe('Harbor received your inquiry')
    expect(person.react.props).toEqual({ link: 'https://app.doulaos.com/p/harbor', practiceName: 'Harbor' })
  })

  it('refuses an inquiry email without its practice', () => {
    expect(() => renderNotification(row({ path: '/p/harbor' }, 'inquiry-received'), 'https://app.doulaos.com')).toThrow(UnrenderableNotificationError)
  })
})

describe('appointment reminders', () => {
  const reminder = {
    path: '/portal/appointments',
    appointmentId: '00000000-0000-4000-8000-000000000003',
    practiceName: 'Harbor Doula Collective',
    timeZone: 'America/Los_Angeles',
    startsAt: '2027-01-05T18:30:00Z',
    endsAt: '2027-01-05T19:30:00Z',
    audience: 'client',
  }

  it('writes the start in the practice zone and attaches the appointment as an .ics', async () => {
    const { render } = await import('@react-email/render')
    const email = renderNotification(row(reminder, 'appointment-reminder'), 'https://app.doulaos.com')
    expect(email.subject).toBe('Appointment reminder from Harbor Doula Collective')
    const plain = await render(email.react, { plainText: true })
    expect(plain).toContain('Your appointment with Harbor Doula Collective is on Tuesday, January 5, 2027 at 10:30 AM PST.')
    expect(plain).toContain('turn these reminders off')
    expect(email.attachments).toHaveLength(1)
    const ics = email.attachments![0]!
    expect(ics).toMatchObject({ filename: 'appointment.ics', contentType: 'text/calendar; charset=utf-8' })
    expect(ics.content).toContain('DTSTART:20270105T183000Z')
    expect(ics.content).toContain('SUMMARY:Appointment with Harbor Doula Collective')
  })

  it('tells the doula without the opt-out line, and refuses an unknown zone', async () => {
    const { render } = await import('@react-email/render')
    const email = renderNotification(row({ ...reminder, audience: 'doula', path: '/dashboard/clients/x' }, 'appointment-reminder'), 'https://app.doulaos.com')
    const plain = await render(email.react, { plainText: true })
    expect(plain).toContain('You have a Harbor Doula Collective appointment on Tuesday, January 5, 2027 at 10:30 AM PST.')
    expect(plain).not.toContain('turn these reminders off')
    expect(() => renderNotification(row({ ...reminder, timeZone: 'Mars/Olympus' }, 'appointment-reminder'), 'https://app.doulaos.com')).toThrow(UnrenderableNotificationError)
  })
})
