import { mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Resend } from 'resend'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stack } from './shared-stack.ts'
import { createMailbox, type MailboxServer } from '../mailbox/index.ts'

type SendPayload = Parameters<Resend['emails']['send']>[0]

interface Summary {
  id: string
  from: string
  to: string[]
  subject: string
  createdAt: string
}
interface Detail extends Summary {
  html: string | null
  text: string | null
  links: string[]
  attachments: { filename?: string; contentType?: string; size: number }[]
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as { port: number }
  return `http://127.0.0.1:${port}`
}

function close(server: Server): Promise<void> {
  return new Promise((ok) => {
    server.close(() => ok())
    server.closeAllConnections()
  })
}

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url)
  return { status: res.status, body: (await res.json()) as T }
}

let n = 0
/** A recipient no other test uses, so assertions never see another test's mail. */
const inbox = () => `parent${++n}.${Date.now()}@example.com`
const FROM = 'DoulaOS <hello@doulaos.local>'

let mailbox: MailboxServer
let url: string
let resend: Resend

beforeAll(async () => {
  mailbox = createMailbox()
  url = await listen(mailbox.server)
  resend = new Resend('re_test_key', { baseUrl: url })
})
afterAll(() => close(mailbox.server))

const latest = (to: string) => getJson<Detail>(`${url}/api/messages/latest?to=${encodeURIComponent(to)}`)
const listFor = (to: string) => getJson<Summary[]>(`${url}/api/messages?to=${encodeURIComponent(to)}`)

describe('Resend-compatible sending through the real SDK', () => {
  it('stores a message and serves it on the JSON API with its links decoded', async () => {
    const to = inbox()
    const html = [
      '<p>Hello</p>',
      '<a href="http://127.0.0.1:3000/auth/confirm?token_hash=abc&amp;type=magiclink&amp;next=%2Fdashboard">Sign in</a>',
      "<a href='https://example.com/a?x=1&#38;y=2'>single</a>",
      '<a HREF=https://example.com/bare>bare</a>',
    ].join('')
    const { data, error } = await resend.emails.send({ from: FROM, to: `Jane Doe <${to.toUpperCase()}>`, subject: 'Your sign-in link', html, text: 'Hello' })
    expect(error).toBeNull()
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/)

    const list = await listFor(to)
    expect(list.body).toEqual([{ id: data?.id, from: FROM, to: [`Jane Doe <${to.toUpperCase()}>`], subject: 'Your sign-in link', createdAt: expect.any(String) }])

    const { status, body } = await latest(to)
    expect(status).toBe(200)
    expect(body).toMatchObject({ id: data?.id, subject: 'Your sign-in link', html, text: 'Hello' })
    expect(body.links).toEqual([
      'http://127.0.0.1:3000/auth/confirm?token_hash=abc&type=magiclink&next=%2Fdashboard',
      'https://example.com/a?x=1&y=2',
      'https://example.com/bare',
    ])
  })

  it('honours RESEND_BASE_URL when no baseUrl option is given', async () => {
    const previous = process.env.RESEND_BASE_URL
    process.env.RESEND_BASE_URL = url
    try {
      const to = inbox()
      const { data, error } = await new Resend('re_env').emails.send({ from: FROM, to, subject: 'Via env', text: 'see https://example.com/t?a=1 now' })
      expect(error).toBeNull()
      const { body } = await latest(to)
      expect(body.id).toBe(data?.id)
      expect(body.html).toBeNull()
      expect(body.links).toEqual(['https://example.com/t?a=1'])
    } finally {
      if (previous === undefined) delete process.env.RESEND_BASE_URL
      else process.env.RESEND_BASE_URL = previous
    }
  })

  it('lists newest first and returns the newest as latest', async () => {
    const to = inbox()
    for (const subject of ['first', 'second', 'third']) await resend.emails.send({ from: FROM, to, subject, text: subject })
    expect((await listFor(to)).body.map((m) => m.subject)).toEqual(['third', 'second', 'first'])
    expect((await latest(to)).body.subject).toBe('third')
    expect((await latest(inbox())).status).toBe(404)
  })

  it('answers GET /emails/{id} like Resend, and not_found for an unknown id', async () => {
    const to = inbox()
    const sent = await resend.emails.send({ from: FROM, to: [to], cc: 'cc@example.com', subject: 'Fetch me', html: '<b>hi</b>', tags: [{ name: 'kind', value: 'reminder' }] })
    const { data, error } = await resend.emails.get(sent.data?.id ?? '')
    expect(error).toBeNull()
    expect(data).toMatchObject({ object: 'email', id: sent.data?.id, to: [to], cc: ['cc@example.com'], from: FROM, subject: 'Fetch me', html: '<b>hi</b>', text: null, last_event: 'delivered', tags: [{ name: 'kind', value: 'reminder' }] })

    const missing = await resend.emails.get('00000000-0000-4000-8000-000000000000')
    expect(missing.data).toBeNull()
    expect(missing.error).toEqual({ statusCode: 404, name: 'not_found', message: 'Email not found' })
  })

  it('accepts attachments as base64 strings and as serialised Buffers, and serves them as downloads', async () => {
    const to = inbox()
    const ics = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'
    const { error } = await resend.emails.send({
      from: FROM,
      to,
      subject: 'Your appointment',
      text: 'attached',
      attachments: [
        { filename: 'visit.ics', content: Buffer.from(ics), contentType: 'text/calendar' },
        { filename: 'note.txt', content: Buffer.from('hello').toString('base64') },
      ],
    })
    expect(error).toBeNull()
    const { body } = await latest(to)
    expect(body.attachments).toEqual([
      { filename: 'visit.ics', contentType: 'text/calendar', size: Buffer.byteLength(ics) },
      { filename: 'note.txt', size: 5 },
    ])
    const download = await fetch(`${url}/messages/${body.id}/attachments/0`)
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="visit.ics"')
    expect(download.headers.get('content-type')).toBe('application/octet-stream')
    expect(await download.text()).toBe(ics)
  })
})

describe('Resend error shapes', () => {
  it('rejects a request without an API key with 401 missing_api_key', async () => {
    const res = await fetch(`${url}/emails`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header.' })
  })

  it('rejects a wrong key with 403 invalid_api_key when the mailbox requires one', async () => {
    const strict = createMailbox({ apiKey: 're_right' })
    const strictUrl = await listen(strict.server)
    try {
      const wrong = await new Resend('re_wrong', { baseUrl: strictUrl }).emails.send({ from: FROM, to: inbox(), subject: 's', text: 't' })
      expect(wrong.error).toEqual({ statusCode: 403, name: 'invalid_api_key', message: 'API key is invalid' })
      const right = await new Resend('re_right', { baseUrl: strictUrl }).emails.send({ from: FROM, to: inbox(), subject: 's', text: 't' })
      expect(right.error).toBeNull()
      expect(strict.messages()).toHaveLength(1)
    } finally {
      await close(strict.server)
    }
  })

  it.each([
    ['to', { from: FROM, subject: 'x', text: 'x' }, 'missing_required_field', 'Missing `to` field.'],
    ['from', { to: 'a@example.com', subject: 'x', text: 'x' }, 'missing_required_field', 'Missing `from` field.'],
    ['subject', { from: FROM, to: 'a@example.com', text: 'x' }, 'missing_required_field', 'Missing `subject` field.'],
    ['a malformed from', { from: 'not an address', to: 'a@example.com', subject: 'x', text: 'x' }, 'validation_error', 'Invalid `from` field.'],
    ['a malformed to', { from: FROM, to: ['ok@example.com', 'nope'], subject: 'x', text: 'x' }, 'validation_error', 'Invalid `to` field.'],
    ['a bad tag', { from: FROM, to: 'a@example.com', subject: 'x', text: 'x', tags: [{ name: 'has space', value: 'v' }] }, 'validation_error', 'Invalid `tags` field.'],
  ])('answers 422 when the payload lacks or garbles %s', async (_, payload, name, message) => {
    const before = mailbox.messages().length
    // Deliberately invalid payloads: the SDK's types would (rightly) refuse them.
    const { data, error } = await resend.emails.send(payload as unknown as SendPayload)
    expect(data).toBeNull()
    expect(error).toMatchObject({ statusCode: 422, name })
    expect(error?.message.startsWith(message)).toBe(true)
    expect(mailbox.messages()).toHaveLength(before)
  })

  it('answers 400 validation_error for a body that is not JSON', async () => {
    const res = await fetch(`${url}/emails`, { method: 'POST', headers: { Authorization: 'Bearer re_x' }, body: '{nope' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ statusCode: 400, name: 'validation_error' })
  })
})

describe('Idempotency-Key', () => {
  it('returns the same id for a retried request and stores one message', async () => {
    const to = inbox()
    const payload = { from: FROM, to, subject: 'Once only', html: '<p>once</p>' }
    const first = await resend.emails.send(payload, { idempotencyKey: `welcome/${to}` })
    const retry = await resend.emails.send({ html: '<p>once</p>', subject: 'Once only', to, from: FROM }, { idempotencyKey: `welcome/${to}` })
    expect(first.error).toBeNull()
    expect(retry.data?.id).toBe(first.data?.id)
    expect((await listFor(to)).body).toHaveLength(1)
  })

  it('refuses the same key with a different body with 409 invalid_idempotent_request', async () => {
    const to = inbox()
    await resend.emails.send({ from: FROM, to, subject: 'A', text: 'a' }, { idempotencyKey: `k/${to}` })
    const clash = await resend.emails.send({ from: FROM, to, subject: 'B', text: 'b' }, { idempotencyKey: `k/${to}` })
    expect(clash.data).toBeNull()
    expect(clash.error).toEqual({ statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' })
    expect((await listFor(to)).body.map((m) => m.subject)).toEqual(['A'])
  })

  it('refuses a key longer than 256 characters with 400 invalid_idempotency_key', async () => {
    const { error } = await resend.emails.send({ from: FROM, to: inbox(), subject: 'x', text: 'x' }, { idempotencyKey: 'k'.repeat(257) })
    expect(error).toMatchObject({ statusCode: 400, name: 'invalid_idempotency_key' })
  })
})

describe('batch sending', () => {
  it('sends every email and answers {data: [{id}]}', async () => {
    const [a, b] = [inbox(), inbox()]
    const { data, error } = await resend.batch.send([
      { from: FROM, to: a, subject: 'Reminder A', text: 'a' },
      { from: FROM, to: b, subject: 'Reminder B', text: 'b' },
    ])
    expect(error).toBeNull()
    expect(data?.data).toHaveLength(2)
    expect((await latest(a)).body.id).toBe(data?.data[0]?.id)
    expect((await latest(b)).body.id).toBe(data?.data[1]?.id)
  })

  it('sends nothing in strict mode when one email is invalid', async () => {
    const [a, b] = [inbox(), inbox()]
    const { data, error } = await resend.batch.send([
      { from: FROM, to: a, subject: 'ok', text: 'a' },
      { from: FROM, to: b, text: 'no subject' } as unknown as SendPayload,
    ] as SendPayload[])
    expect(data).toBeNull()
    expect(error).toMatchObject({ statusCode: 422, name: 'missing_required_field' })
    expect((await listFor(a)).body).toEqual([])
  })

  it('sends the valid emails and reports the others in permissive mode', async () => {
    const [a, b] = [inbox(), inbox()]
    const { data, error } = await resend.batch.send(
      [{ from: FROM, to: 'broken', subject: 'bad', text: 'x' }, { from: FROM, to: b, subject: 'good', text: 'y' }],
      { batchValidation: 'permissive' },
    )
    expect(error).toBeNull()
    expect(data?.data).toHaveLength(1)
    expect(data?.errors).toEqual([{ index: 0, message: expect.stringContaining('Invalid `to` field.') }])
    expect((await listFor(a)).body).toEqual([])
    expect((await latest(b)).body.id).toBe(data?.data[0]?.id)
  })

  it('replays a retried batch by Idempotency-Key', async () => {
    const to = inbox()
    const batch = [{ from: FROM, to, subject: 'one', text: '1' }, { from: FROM, to, subject: 'two', text: '2' }]
    const first = await resend.batch.send(batch, { idempotencyKey: `batch/${to}` })
    const retry = await resend.batch.send(batch, { idempotencyKey: `batch/${to}` })
    expect(retry.data?.data).toEqual(first.data?.data)
    expect((await listFor(to)).body).toHaveLength(2)
  })
})

describe('web pages', () => {
  it('escapes subjects and addresses on the inbox page', async () => {
    const to = inbox()
    await resend.emails.send({ from: FROM, to, subject: '<script>alert("x")</script> & more', text: 'x' })
    const res = await fetch(`${url}/`)
    const page = await res.text()
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more')
    expect(page).not.toContain('<script>alert')
    expect(page).toContain(to)
  })

  it('renders the HTML body only inside a sandboxed srcdoc iframe, with the text version', async () => {
    const to = inbox()
    const html = '<p title="a&quot;b">Hi</p><script>steal()</script><a href="https://example.com/go?a=1&amp;b=2">go</a>'
    const { data } = await resend.emails.send({ from: FROM, to, subject: 'Rendered', html, text: 'Plain <b>text</b>' })
    const res = await fetch(`${url}/messages/${data?.id}`)
    const page = await res.text()
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(page).not.toContain('<script>steal')
    const iframe = /<iframe [^>]*>/.exec(page)?.[0] ?? ''
    expect(iframe).toMatch(/sandbox="allow-popups allow-popups-to-escape-sandbox"/)
    expect(iframe).not.toContain('allow-scripts')
    expect(iframe).not.toContain('allow-same-origin')
    const srcdoc = /srcdoc="([^"]*)"/.exec(iframe)?.[1] ?? ''
    expect(srcdoc).toContain('&lt;script&gt;steal()&lt;/script&gt;')
    expect(srcdoc).toContain('title=&quot;a&amp;quot;b&quot;')
    expect(page).toContain('<pre>Plain &lt;b&gt;text&lt;/b&gt;</pre>')
    expect(page).toContain('href="https://example.com/go?a=1&amp;b=2"')
  })

  it('answers 404 pages for unknown messages', async () => {
    const res = await fetch(`${url}/messages/nope`)
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('No such message')
  })
})

describe('storage', () => {
  it('clears one inbox on DELETE /api/messages?to=, and every message without it, on disk too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailbox-test-'))
    const file = join(dir, 'mailbox.jsonl')
    const own = createMailbox({ file })
    const ownUrl = await listen(own.server)
    try {
      const [a, b] = [inbox(), inbox()]
      const sender = new Resend('re_x', { baseUrl: ownUrl })
      await sender.emails.send({ from: FROM, to: a, subject: 'for a', text: 'x' })
      await sender.emails.send({ from: FROM, to: b, subject: 'for b', text: 'x' })

      expect((await fetch(`${ownUrl}/api/messages?to=${a}`, { method: 'DELETE' })).status).toBe(204)
      expect((await getJson<Summary[]>(`${ownUrl}/api/messages`)).body.map((m) => m.subject)).toEqual(['for b'])
      expect(createMailbox({ file }).messages().map((m) => m.subject)).toEqual(['for b'])

      expect((await fetch(`${ownUrl}/api/messages`, { method: 'DELETE' })).status).toBe(204)
      expect((await getJson<Summary[]>(`${ownUrl}/api/messages`)).body).toEqual([])
      expect((await getJson(`${ownUrl}/api/messages/latest?to=${b}`)).status).toBe(404)
      expect(createMailbox({ file }).messages()).toEqual([])
    } finally {
      await close(own.server)
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps messages and idempotency keys in a JSON-lines file across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailbox-test-'))
    const file = join(dir, 'mailbox.jsonl')
    try {
      const to = inbox()
      const first = createMailbox({ file })
      const firstUrl = await listen(first.server)
      const sent = await new Resend('re_x', { baseUrl: firstUrl }).emails.send({ from: FROM, to, subject: 'kept', text: 'x' }, { idempotencyKey: 'persist' })
      first.deliver({ from: FROM, to: [to], subject: 'from auth', html: '<a href="http://x.test/v">v</a>' })
      await close(first.server)

      const second = createMailbox({ file })
      const secondUrl = await listen(second.server)
      try {
        expect((await getJson<Summary[]>(`${secondUrl}/api/messages?to=${to}`)).body.map((m) => m.subject)).toEqual(['from auth', 'kept'])
        const retry = await new Resend('re_x', { baseUrl: secondUrl }).emails.send({ from: FROM, to, subject: 'kept', text: 'x' }, { idempotencyKey: 'persist' })
        expect(retry.data?.id).toBe(sent.data?.id)
        expect(second.messages()).toHaveLength(2)
      } finally {
        await close(second.server)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('is served by the shared local stack on its mailbox URL', async () => {
    const to = inbox()
    const { data, error } = await new Resend('re_local_mailbox', { baseUrl: stack().mailboxUrl }).emails.send({ from: FROM, to, subject: 'Through the stack', text: 'x' })
    expect(error).toBeNull()
    const { body } = await getJson<Detail>(`${stack().mailboxUrl}/api/messages/latest?to=${to}`)
    expect(body.id).toBe(data?.id)
  })
})
