import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'smol-toml'

/** The subset of `supabase/config.toml` the stand-in honours, with the CLI's defaults applied. */
export interface LocalConfig {
  projectId: string
  api: { port: number; schemas: string[]; extraSearchPath: string[]; maxRows: number; autoExposeNewTables: boolean }
  db: { port: number; seed: { enabled: boolean; sqlPaths: string[] } }
  mailbox: { port: number }
  storage: { fileSizeLimit: number; buckets: Record<string, BucketConfig> }
  auth: AuthConfig
}

export interface BucketConfig {
  public: boolean
  fileSizeLimit: number | null
  allowedMimeTypes: string[] | null
}

export interface AuthConfig {
  siteUrl: string
  additionalRedirectUrls: string[]
  jwtExpiry: number
  /** Defaults to `<api url>/auth/v1`; filled in once the API port is known. */
  externalUrl: string
  enableSignup: boolean
  enableRefreshTokenRotation: boolean
  refreshTokenReuseInterval: number
  minimumPasswordLength: number
  /** `[auth.sessions]`: seconds, 0 = no limit. */
  sessions: { timebox: number; inactivityTimeout: number }
  rateLimit: { emailSent: number; signInSignUps: number; tokenVerifications: number; tokenRefresh: number }
  email: {
    enableSignup: boolean
    enableConfirmations: boolean
    maxFrequencySeconds: number
    otpLength: number
    otpExpiry: number
  }
  sendEmailHook: { enabled: boolean; uri: string; secrets: string[] }
}

type Table = Record<string, unknown>

const table = (v: unknown): Table => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Table) : {})
const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d)
const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d)
const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d)
const strs = (v: unknown, d: string[]) => (Array.isArray(v) ? v.map(String) : d)

/** `env(NAME)` values are read from the environment, as the CLI does. */
function substituteEnv(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') {
    const m = /^env\(([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(value.trim())
    return m ? (env[m[1]!] ?? '') : value
  }
  if (Array.isArray(value)) return value.map((v) => substituteEnv(v, env))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env)]))
  }
  return value
}

/** Parses sizes as the CLI does: a number of bytes, or "20MiB", "1kb", "50MB". */
/** Where a persistent stack of the project in `projectDir` keeps its state (database, storage, mail, key). */
export const stateDirOf = (projectDir: string) => join(resolve(projectDir), '.local')

export function parseSize(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null
  if (typeof value === 'number') return value
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b)?\s*$/i.exec(String(value))
  if (!m) throw new Error(`config.toml: cannot parse size "${String(value)}"`)
  const unit = (m[2] ?? 'b').toLowerCase()
  const power = { b: 0, kb: 1, kib: 1, mb: 2, mib: 2, gb: 3, gib: 3, tb: 4, tib: 4 }[unit] ?? 0
  const base = unit.includes('i') ? 1024 : unit === 'b' ? 1 : 1000
  return Math.round(Number(m[1]) * base ** power)
}

/** Durations as Go writes them: "1s", "30m", "12h", "1h30m". */
export function parseDuration(value: unknown, fallbackSeconds: number): number {
  if (typeof value === 'number') return value
  if (typeof value !== 'string' || value === '') return fallbackSeconds
  let total = 0
  for (const [, n, u] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(n) * { ms: 0.001, s: 1, m: 60, h: 3600 }[u as 'ms' | 's' | 'm' | 'h']
  }
  return total
}

export function loadConfig(projectDir: string, env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const raw = substituteEnv(parse(readFileSync(join(projectDir, 'config.toml'), 'utf8')), env) as Table
  const api = table(raw.api)
  const db = table(raw.db)
  const auth = table(raw.auth)
  const email = table(auth.email)
  const rate = table(auth.rate_limit)
  const hook = table(table(auth.hook).send_email)
  const storage = table(raw.storage)
  const apiPort = num(api.port, 54321)
  return {
    projectId: str(raw.project_id, 'local'),
    api: {
      port: apiPort,
      schemas: strs(api.schemas, ['public', 'graphql_public']),
      extraSearchPath: strs(api.extra_search_path, ['public', 'extensions']),
      maxRows: num(api.max_rows, 1000),
      autoExposeNewTables: bool(api.auto_expose_new_tables, true),
    },
    db: {
      port: num(db.port, 54322),
      seed: { enabled: bool(table(db.seed).enabled, true), sqlPaths: strs(table(db.seed).sql_paths, ['./seed.sql']) },
    },
    mailbox: { port: num(table(raw.inbucket).port, 54324) },
    storage: {
      fileSizeLimit: parseSize(storage.file_size_limit) ?? 50 * 1024 * 1024,
      buckets: Object.fromEntries(
        Object.entries(table(storage.buckets)).map(([name, b]) => {
          const t = table(b)
          return [
            name,
            {
              public: bool(t.public, false),
              fileSizeLimit: parseSize(t.file_size_limit),
              allowedMimeTypes: Array.isArray(t.allowed_mime_types) ? t.allowed_mime_types.map(String) : null,
            },
          ]
        }),
      ),
    },
    auth: {
      siteUrl: str(auth.site_url, 'http://127.0.0.1:3000'),
      additionalRedirectUrls: strs(auth.additional_redirect_urls, ['https://127.0.0.1:3000']),
      jwtExpiry: num(auth.jwt_expiry, 3600),
      externalUrl: str(auth.external_url, `http://127.0.0.1:${apiPort}/auth/v1`),
      enableSignup: bool(auth.enable_signup, true),
      enableRefreshTokenRotation: bool(auth.enable_refresh_token_rotation, true),
      refreshTokenReuseInterval: num(auth.refresh_token_reuse_interval, 10),
      minimumPasswordLength: num(auth.minimum_password_length, 6),
      sessions: {
        timebox: parseDuration(table(auth.sessions).timebox, 0),
        inactivityTimeout: parseDuration(table(auth.sessions).inactivity_timeout, 0),
      },
      rateLimit: {
        emailSent: num(rate.email_sent, 2),
        signInSignUps: num(rate.sign_in_sign_ups, 30),
        tokenVerifications: num(rate.token_verifications, 30),
        tokenRefresh: num(rate.token_refresh, 150),
      },
      email: {
        enableSignup: bool(email.enable_signup, true),
        enableConfirmations: bool(email.enable_confirmations, false),
        maxFrequencySeconds: parseDuration(email.max_frequency, 1),
        otpLength: num(email.otp_length, 6),
        otpExpiry: num(email.otp_expiry, 3600),
      },
      sendEmailHook: {
        enabled: bool(hook.enabled, false),
        uri: str(hook.uri, ''),
        secrets: str(hook.secrets, '').split('|').map((s) => s.trim()).filter(Boolean),
      },
    },
  }
}
