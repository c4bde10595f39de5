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
