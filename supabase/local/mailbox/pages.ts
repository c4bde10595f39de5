import type { ServerResponse } from 'node:http'
import { send } from '../http.ts'
import { escapeHtml as e } from './html.ts'
import { detail } from './inspect-api.ts'
import type { StoredMail } from './store.ts'

/**
 * Email HTML is untrusted: it is only ever placed in a sandboxed srcdoc iframe (no scripts, opaque
 * origin). The srcdoc document inherits this policy, so it may load images and inline styles but
 * never run script; links open in a new tab via the injected <base target>.
 */
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:; font-src http: https: data:; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
}

const STYLE = `
  :root { color-scheme: light; font-family: ui-sans-serif, system-ui, sans-serif; color: #1f2328; }
  body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
  h1 { font-size: 1.25rem; margin: 0 0 1rem; } h1 small { color: #656d76; font-weight: normal; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
  th { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: #656d76; }
  tbody tr:hover { background: #f6f8fa; }
  a { color: #0969da; } time { white-space: nowrap; color: #656d76; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
  dt { color: #656d76; } dd { margin: 0; overflow-wrap: anywhere; }
  iframe { width: 100%; height: 70vh; border: 1px solid #d0d7de; border-radius: 6px; resize: vertical; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 1rem; border-radius: 6px; }
  h2 { font-size: 1rem; margin: 1.5rem 0 .5rem; } .empty { color: #656d76; }
  ul { padding-left: 1.25rem; } li { overflow-wrap: anywhere; }
`

function layout(title: string, body: string, refreshSeconds?: number): string {
  const refresh = refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : ''
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${e(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`
}

const when = (iso: string) => `<time datetime="${e(iso)}">${e(iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</time>`
const list = (values: string[] | undefined) => e((values ?? []).join(', '))

export function sendPage(res: ServerResponse, status: number, html: string) {
  send(res, status, html, PAGE_HEADERS)
}

/** `/`: every message, newest first; reloads itself so new mail shows up while a flow is being tried. */
export function renderInbox(mails: StoredMail[]): string {
  const rows = mails
    .map(
      (m) => `<tr><td>${list(m.to)}</td><td><a href="/messages/${encodeURIComponent(m.id)}">${e(m.subject)}</a></td><td>${when(m.createdAt)}</td></tr>`,
    )
    .join('')
  const table = mails.length
    ? `<table><thead><tr><th>To</th><th>Subject</th><th>Time</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="empty">No messages yet. Everything the app sends locally lands here.</p>'
  return layout('Mailbox', `<h1>Local mailbox <small>${mails.length} message${mails.length === 1 ? '' : 's'}</small></h1>${table}`, 10)
}

/** `/messages/{id}`: headers, the HTML body in a sandboxed iframe, the links found in it, and the text body. */
export function renderMessage(mail: StoredMail): string {
  const d = detail(mail)
  const attachments = (mail.attachments ?? [])
    .map((a, i) => {
      const label = `${e(a.filename ?? `attachment-${i + 1}`)} (${a.size} bytes${a.contentType ? `, ${e(a.contentType)}` : ''})`
      return a.content !== undefined ? `<a href="/messages/${encodeURIComponent(mail.id)}/attachments/${i}">${label}</a>` : label
    })
    .join(', ')
  const meta = [
    ['From', e(mail.from)],
    ['To', list(mail.to)],
    ...(mail.cc?.length ? [['Cc', list(mail.cc)]] : []),
    ...(mail.bcc?.length ? [['Bcc', list(mail.bcc)]] : []),
    ...(mail.replyTo?.length ? [['Reply-To', list(mail.replyTo)]] : []),
    ['Subject', e(mail.subject)],
    ['Sent', when(mail.createdAt)],
    ...(attachments ? [['Attachments', attachments]] : []),
  ]
    .map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`)
    .join('')
  const html =
    mail.html === undefined
      ? ''
      : `<h2>HTML</h2><iframe title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" srcdoc="${e(`<base target="_blank">${mail.html}`)}"></iframe>`
  const links = d.links.length
    ? `<h2>Links</h2><ul>${d.links.map((l) => (/^https?:\/\//i.test(l) ? `<li><a href="${e(l)}" rel="noreferrer" target="_blank">${e(l)}</a></li>` : `<li>${e(l)}</li>`)).join('')}</ul>`
    : ''
  const text = mail.text === undefined ? '' : `<h2>Text</h2><pre>${e(mail.text)}</pre>`
  return layout(mail.subject, `<p><a href="/">← All messages</a></p><h1>${e(mail.subject)}</h1><dl>${meta}</dl>${html}${links}${text}`)
}

export function renderNotFound(): string {
  return layout('Not found', '<p><a href="/">← All messages</a></p><h1>No such message</h1>')
}

/** Attachments are always downloaded, never rendered, whatever type the sender declared. */
export function sendAttachment(res: ServerResponse, mail: StoredMail, index: number): boolean {
  const file = mail.attachments?.[index]
  if (!file?.content) return false
  const name = (file.filename ?? `attachment-${index + 1}`).replace(/[^\w.\- ]/g, '_')
  send(res, 200, Buffer.from(file.content, 'base64'), {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': `attachment; filename="${name}"`,
    'X-Content-Type-Options': 'nosniff',
  })
  return true
}
