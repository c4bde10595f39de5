import type { ServerResponse } from 'node:http'
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

/** `GET /api/messages[?to=]`: summaries, newest first. */
export function listMessages(store: MailStore, res: ServerResponse, url: URL) {
  sendJson(res, 200, newestFor(store, url.searchParams.get('to')).map(summary))
}

/** `DELETE /api/messages[?to=]`: with `to`, only that inbox (parallel e2e workers must not wipe each other's mail). */
export function deleteMessages(store: MailStore, res: ServerResponse, url: URL) {
  const doomed = new Set(newestFor(store, url.searchParams.get('to')).map((m) => m.id))
  store.remove((m) => doomed.has(m.id))
  send(res, 204, undefined)
}

/** `GET /api/messages/{id}` and `GET /api/messages/latest[?to=]`: one message in full, or 404. */
export function getMessage(store: MailStore, res: ServerResponse, url: URL, id: string) {
  const to = url.searchParams.get('to')
  const mail = id === 'latest' ? newestFor(store, to)[0] : store.get(id)
  if (mail) sendJson(res, 200, detail(mail))
  else sendJson(res, 404, { error: 'not_found', message: id === 'latest' ? `No message${to ? ` to ${to}` : ''} yet.` : 'No such message.' })
}
