import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Sql } from 'postgres'
import type { LocalConfig } from './config.ts'
import type { Keys } from './keys.ts'

/** One email as the mailbox keeps it (the Resend request body, normalised). */
export interface MailMessage {
  from: string
  to: string[]
  subject: string
  html?: string
  text?: string
  cc?: string[]
  bcc?: string[]
  replyTo?: string[]
  headers?: Record<string, string>
  tags?: { name: string; value: string }[]
}

export interface Mailbox {
  /** Stores a message and returns its id; used by Auth when no send-email hook is configured. */
  deliver(message: MailMessage): { id: string }
}

/** Everything a service of the stand-in needs; built once per stack by startLocalStack. */
export interface LocalContext {
  config: LocalConfig
  keys: Keys
  /** A superuser pool. Services switch to the caller's role inside their own transactions. */
  sql: Sql
  urls: { api: string; db: string; mailbox: string }
  /** The `supabase/` folder of the project being served (config.toml, migrations, seed.sql). */
  supabaseDir: string
  /** Where object bytes live (`.local/storage`, or a temp dir for ephemeral stacks). */
  storageDir: string
  /** Where other state lives (`.local`, or a temp dir for ephemeral stacks). */
  stateDir: string
  mailbox: Mailbox
  log(message: string): void
}

/** An API behind the gateway; `path` is the URL path with the service prefix (e.g. `/rest/v1`) removed. */
export interface Service {
  handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void>
  close?(): Promise<void>
}
