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
