import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { send, sendJson } from '../http.ts'
import { Router, type Method, type PathParams } from '../router.ts'
import type { Mailbox } from '../types.ts'
import { deleteMessages, getMessage, listMessages, newestFor } from './inspect-api.ts'
import { renderInbox, renderMessage, renderNotFound, sendAttachment, sendPage } from './pages.ts'
import { createResendApi } from './resend-api.ts'
import { MailStore, type StoredMail } from './store.ts'

export type { StoredAttachment, StoredMail } from './store.ts'

export interface MailboxOptions {
  /** A JSON-lines file that keeps messages across restarts (persistent stacks); memory only when absent. */
  file?: string
  /** Require this Resend API key; by default any bearer token is accepted. */
  apiKey?: string
  log?: (message: string) => void
}

export interface MailboxServer extends Mailbox {
  server: Server
  /** Every stored message, oldest first. */
  messages(): StoredMail[]
}

/**
 * The local stand-in for Resend plus a tiny inbox: a Resend-compatible sending API, a JSON API for
 * tests, and web pages to read what the app sent. The caller decides where `server` listens.
 */
export function createMailbox(options: MailboxOptions = {}): MailboxServer {
  const log = options.log ?? (() => {})
  const store = new MailStore(options.file, log)

  const resend = createResendApi(store, { apiKey: options.apiKey })
  type MailRoute = (req: IncomingMessage, res: ServerResponse, url: URL, params: PathParams) => Promise<void> | void
  const READ: Method[] = ['GET', 'HEAD']
  const routes = new Router<MailRoute>()
    .on('POST', '/emails', (req, res, url) => resend.sendOne(req, res, url.pathname))
    .on('POST', '/emails/batch', (req, res, url) => resend.sendBatch(req, res, url.pathname))
    .on('GET', '/emails/:id', (req, res, url, p) => resend.getOne(req, res, url.pathname, p.id))
    .on('GET', '/api/messages', (_req, res, url) => listMessages(store, res, url))
    .on('DELETE', '/api/messages', (_req, res, url) => deleteMessages(store, res, url))
    .on('GET', '/api/messages/:id', (_req, res, url, p) => getMessage(store, res, url, p.id!))
    .on(READ, '/', (_req, res) => sendPage(res, 200, renderInbox(newestFor(store, null))))
    .on(READ, '/favicon.ico', (_req, res) => send(res, 204, undefined))
    .on(READ, '/messages/:id', (_req, res, _url, p) => {
      const mail = store.get(p.id!)
      sendPage(res, mail ? 200 : 404, mail ? renderMessage(mail) : renderNotFound())
    })
    .on(READ, '/messages/:id/attachments/:n', (_req, res, _url, p) => {
      const mail = store.get(p.id!)
      if (!mail || !/^\d+$/.test(p.n!) || !sendAttachment(res, mail, Number(p.n))) sendPage(res, 404, renderNotFound())
    })

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://mailbox.local')
    const path = url.pathname
    const method = req.method ?? 'GET'
    const match = routes.match(method, path)
    if (match.found) return match.handler(req, res, url, match.params)
    if (match.status === 405 && path.startsWith('/emails')) return resend.methodNotAllowed(req, res, path)
    if (match.status === 405 || !READ.includes(method as Method)) {
      return sendJson(res, 405, { error: 'method_not_allowed', message: `${method} is not allowed on ${path}.` })
    }
    sendPage(res, 404, renderNotFound())
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      log(`mailbox: ${req.method} ${req.url} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
      sendJson(res, 500, { statusCode: 500, name: 'internal_server_error', message: 'The local mailbox failed to handle the request.' })
    })
  })

  return {
    server,
    messages: () => store.all(),
    deliver: (message) => ({ id: store.add(message).id }),
  }
}
