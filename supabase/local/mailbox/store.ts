import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import type { MailMessage } from '../types.ts'

export interface StoredAttachment {
  filename?: string
  contentType?: string
  contentId?: string
  /** A remote file the sender asked Resend to fetch; the mailbox records it but never fetches it. */
  path?: string
  /** The bytes, base64-encoded. */
  content?: string
  size: number
}

export interface StoredMail extends MailMessage {
  id: string
  createdAt: string
  attachments?: StoredAttachment[]
  scheduledAt?: string
}

export type NewMail = MailMessage & Pick<StoredMail, 'attachments' | 'scheduledAt'>

/** A replayable answer to an `Idempotency-Key` request (Resend keeps keys for 24 hours). */
export interface IdempotencyRecord {
  key: string
  hash: string
  response: unknown
  at: number
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

type Line = { kind: 'mail'; mail: StoredMail } | { kind: 'idempotency'; record: IdempotencyRecord }

/**
 * The mailbox's messages and idempotency keys, in memory and, when `file` is given, in a JSON-lines
 * file appended on every write so a restarted dev stack still shows earlier mail.
 */
export class MailStore {
  readonly #mails: StoredMail[] = []
  readonly #keys = new Map<string, IdempotencyRecord>()
  readonly #file: string | undefined

  constructor(file: string | undefined, log: (message: string) => void) {
    this.#file = file
    if (file && existsSync(file)) this.#load(file, log)
  }

  add(message: NewMail): StoredMail {
    const mail: StoredMail = { ...message, id: randomUUID(), createdAt: new Date().toISOString() }
    this.#mails.push(mail)
    this.#append({ kind: 'mail', mail })
    return mail
  }

  /** Oldest first, as delivered. */
  all(): StoredMail[] {
    return [...this.#mails]
  }

  get(id: string): StoredMail | undefined {
    return this.#mails.find((m) => m.id === id)
  }

  /** Removes the messages `doomed` selects (all by default). Idempotency keys survive, as they would at Resend. */
  remove(doomed: (mail: StoredMail) => boolean = () => true) {
    const kept = this.#mails.filter((m) => !doomed(m))
    this.#mails.splice(0, this.#mails.length, ...kept)
    if (!this.#file) return
    const lines: Line[] = [
      ...kept.map((mail): Line => ({ kind: 'mail', mail })),
      ...[...this.#keys.values()].map((record): Line => ({ kind: 'idempotency', record })),
    ]
    writeFileSync(this.#file, lines.map((line) => JSON.stringify(line) + '\n').join(''))
  }

  recall(key: string): IdempotencyRecord | undefined {
    const record = this.#keys.get(key)
    if (record && Date.now() - record.at > IDEMPOTENCY_TTL_MS) {
      this.#keys.delete(key)
      return undefined
    }
    return record
  }

  remember(key: string, hash: string, response: unknown) {
    const record: IdempotencyRecord = { key, hash, response, at: Date.now() }
    this.#keys.set(key, record)
    this.#append({ kind: 'idempotency', record })
  }

  #append(line: Line) {
    if (this.#file) appendFileSync(this.#file, JSON.stringify(line) + '\n')
  }

  #load(file: string, log: (message: string) => void) {
    const lines = readFileSync(file, 'utf8').split('\n')
    lines.forEach((text, index) => {
      if (!text.trim()) return
      try {
        const line = JSON.parse(text) as Line
        if (line.kind === 'mail') this.#mails.push(line.mail)
        else if (line.kind === 'idempotency') this.#keys.set(line.record.key, line.record)
      } catch {
        // A torn last line (the process died mid-write) must not cost the rest of the mailbox.
        log(`mailbox: skipped unreadable line ${index + 1} of ${file}`)
      }
    })
  }
}
