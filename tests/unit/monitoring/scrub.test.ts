import type { ErrorEvent } from '@sentry/nextjs'
import { describe, expect, it } from 'vitest'
import { FILTERED, scrubEvent } from '@/lib/monitoring/scrub'

/** A server error as @sentry/nextjs reports a failed server action: request, user, a Postgres error, breadcrumbs. */
function serverActionError(): ErrorEvent {
  return {
    type: undefined,
    event_id: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    level: 'error',
    platform: 'node',
    message: 'Could not save the note for ines.moreau@example.com',
    request: {
      method: 'POST',
      url: 'https://app.doulaos.com/dashboard/clients/6f1c2d3e-0000-4000-8000-000000000001?tab=notes&email=ines.moreau%40example.com',
      query_string: 'tab=notes&email=ines.moreau%40example.com',
      cookies: { 'sb-access-token': 'eyJhbGciOiJIUzI1NiJ9.secret', 'doulaos-practice': 'p-1' },
      headers: {
        'user-agent': 'Mozilla/5.0',
        'content-type': 'multipart/form-data',
        cookie: 'sb-access-token=eyJhbGciOiJIUzI1NiJ9.secret',
        authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.secret',
        'x-real-ip': '203.0.113.9',
        referer: 'https://app.doulaos.com/dashboard?email=ines.moreau@example.com',
      },
      data: { body: 'Private: partner anxious, history of postpartum depression', dueDate: '2027-03-14' },
    },
    user: { id: 'u-123', email: 'maya@lantern.example', ip_address: '203.0.113.9', username: 'Maya Reyes' },
    exception: {
      values: [
        {
          type: 'PostgrestError',
          value:
            'new row for relation "notes" violates check constraint "notes_body_check" Failing row contains (42, Ines Moreau, gestational diabetes, 2027-03-14).',
          stacktrace: { frames: [{ filename: 'lib/notes/notes.service.ts', function: 'saveNote', vars: { body: 'gestational diabetes', email: 'ines.moreau@example.com' } }] },
        },
        { type: 'PostgrestError', value: 'duplicate key value violates unique constraint "clients_email_key" Key (practice_id, email)=(p-1, ines.moreau@example.com) already exists.' },
      ],
    },
    breadcrumbs: [
      { type: 'default', category: 'console', level: 'log', message: 'saving note Private: partner anxious', timestamp: 1 },
      { type: 'http', category: 'fetch', level: 'info', timestamp: 2, data: { url: 'https://xyz.supabase.co/rest/v1/notes?client_id=eq.1&email=eq.ines%40example.com', method: 'POST', status_code: 400, request_body: '{"body":"gestational diabetes"}' } },
      { type: 'navigation', category: 'navigation', timestamp: 3, data: { from: '/portal/profile?email=ines@example.com', to: '/portal/messages' } },
    ],
    extra: { clientName: 'Ines Moreau', dueDate: '2027-03-14', attempt: 2, nested: { note: 'gestational diabetes', detail: 'reply to ines.moreau@example.com' } },
    tags: { route: '/dashboard/clients/[clientId]', practice_email: 'maya@lantern.example' },
    contexts: { runtime: { name: 'node', version: 'v22' }, client: { first_name: 'Ines', due_date: '2027-03-14' } },
  }
}

describe('scrubEvent (the beforeSend hook)', () => {
  const event = scrubEvent(serverActionError())
  const sent = JSON.stringify(event)

  it('sends no email address, health detail, secret or IP anywhere in the event', () => {
    for (const leak of ['ines.moreau', 'example.com', 'lantern.example', 'diabetes', 'depression', 'partner anxious', '2027-03-14', 'Ines Moreau', 'eyJhbGci', '203.0.113.9', 'Maya Reyes']) {
      expect(sent).not.toContain(leak)
    }
  })

  it('drops the request body, cookies and query string, keeping method, path and harmless headers', () => {
    expect(event.request).toEqual({
      method: 'POST',
      url: 'https://app.doulaos.com/dashboard/clients/6f1c2d3e-0000-4000-8000-000000000001',
      headers: { 'user-agent': 'Mozilla/5.0', 'content-type': 'multipart/form-data' },
    })
  })

  it('keeps only the user id, and what the error was and where', () => {
    expect(event.user).toEqual({ id: 'u-123' })
    expect(event.message).toBe(`Could not save the note for ${FILTERED}`)
    expect(event.exception!.values![0]!.value).toBe(
      `new row for relation "notes" violates check constraint "notes_body_check" Failing row contains ${FILTERED}.`,
    )
    expect(event.exception!.values![1]!.value).toBe(`duplicate key value violates unique constraint "clients_email_key" Key (practice_id, email)=${FILTERED} already exists.`)
    expect(event.exception!.values![0]!.stacktrace!.frames![0]).toEqual({ filename: 'lib/notes/notes.service.ts', function: 'saveNote' })
  })

  it('keeps breadcrumbs as a trail of where, without console text, bodies or queries', () => {
    expect(event.breadcrumbs).toEqual([
      { type: 'default', category: 'console', level: 'log', timestamp: 1 },
      { type: 'http', category: 'fetch', level: 'info', timestamp: 2, data: { url: 'https://xyz.supabase.co/rest/v1/notes', method: 'POST', status_code: 400 } },
      { type: 'navigation', category: 'navigation', level: undefined, timestamp: 3, data: { from: '/portal/profile', to: '/portal/messages' } },
    ])
  })

  it('filters personal keys in extra and tags, and keeps only technical contexts', () => {
    expect(event.extra).toEqual({ clientName: FILTERED, dueDate: FILTERED, attempt: 2, nested: { note: FILTERED, detail: `reply to ${FILTERED}` } })
    expect(event.tags).toEqual({ route: '/dashboard/clients/[clientId]', practice_email: FILTERED })
    expect(event.contexts).toEqual({ runtime: { name: 'node', version: 'v22' } })
  })
})
