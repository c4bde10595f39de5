import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { send, sendJson } from '../http.ts'
import type { Mailbox } from '../types.ts'
import { handleInspect, newestFor } from './inspect-api.ts'
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
  const handleResend = createResendApi(store, { apiKey: options.apiKey })

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://mailbox.local')
    const path = url.pathname
    if (await handleResend(req, res, path)) return
    if (await handleInspect(store, req, res, path, url)) return
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, { error: 'method_not_allowed', message: `${req.method} is not allowed on ${path}.` })
    }
    if (path === '/') return sendPage(res, 200, renderInbox(newestFor(store, null)))
    if (path === '/favicon.ico') return send(res, 204, undefined)
    const page = /^\/messages\/([^/]+)(?:\/attachments\/(\d+))?$/.exec(path)
    const mail = page?.[1] ? store.get(page[1]) : undefined
    if (mail && page?.[2] === undefined) return sendPage(res, 200, renderMessage(mail))
    if (mail && page?.[2] !== undefined && sendAttachment(res, mail, Number(page[2]))) return
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
