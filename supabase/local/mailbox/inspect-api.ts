import type { IncomingMessage, ServerResponse } from 'node:http'
import { send, sendJson } from '../http.ts'
import { extractLinks, extractTextLinks } from './html.ts'
import { addressOf } from './resend-payload.ts'
import type { MailStore, StoredMail } from './store.ts'

/** Newest first; with `to`, only messages whose To list holds that address (case-insensitive). */
export function newestFor(store: MailStore, to: string | null): StoredMail[] {
  const wanted = to ? (addressOf(to) ?? to.trim().toLowerCase()) : undefined
  const all = store.all().reverse()
  return wanted ? all.filter((m) => m.to.some((r) => addressOf(r) === wanted)) : all
}

export const summary = (m: StoredMail) => ({ id: m.id, from: m.from, to: m.to, subject: m.subject, createdAt: m.createdAt })

/** Links come from the HTML hrefs; a text-only message falls back to the URLs in its text. */
export function detail(m: StoredMail) {
  return {
    ...summary(m),
    cc: m.cc ?? [],
    bcc: m.bcc ?? [],
    replyTo: m.replyTo ?? [],
    html: m.html ?? null,
    text: m.text ?? null,
    links: m.html !== undefined ? extractLinks(m.html) : extractTextLinks(m.text ?? ''),
    headers: m.headers ?? {},
    tags: m.tags ?? [],
    attachments: (m.attachments ?? []).map(({ filename, contentType, size, path }) => ({ filename, contentType, size, path })),
  }
}

/**
 * The JSON API tests and e2e helpers use: `GET /api/messages[?to=]`, `GET /api/messages/latest[?to=]`,
 * `GET /api/messages/{id}`, `DELETE /api/messages[?to=]`. Returns false when the path is not one of them.
 */
export async function handleInspect(store: MailStore, req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
  if (path !== '/api/messages' && !path.startsWith('/api/messages/')) return false
  const to = url.searchParams.get('to')
  if (path === '/api/messages' && req.method === 'GET') {
    sendJson(res, 200, newestFor(store, to).map(summary))
  } else if (path === '/api/messages' && req.method === 'DELETE') {
    // With `to`, only that inbox: parallel e2e workers must not wipe each other's mail.
    const doomed = new Set(newestFor(store, to).map((m) => m.id))
    store.remove((m) => doomed.has(m.id))
    send(res, 204, undefined)
  } else if (req.method === 'GET') {
    const id = path.slice('/api/messages/'.length)
    const mail = id === 'latest' ? newestFor(store, to)[0] : store.get(id)
    if (mail) sendJson(res, 200, detail(mail))
    else sendJson(res, 404, { error: 'not_found', message: id === 'latest' ? `No message${to ? ` to ${to}` : ''} yet.` : 'No such message.' })
  } else {
    sendJson(res, 405, { error: 'method_not_allowed', message: `${req.method} is not allowed on ${path}.` })
  }
  return true
}
