import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import postgres, { type Sql } from 'postgres'
import { createAuthService } from './auth/index.ts'
import { loadConfig, stateDirOf, type LocalConfig } from './config.ts'
import { createGateway } from './gateway.ts'
import { loadKeys, type Keys } from './keys.ts'
import { createMailbox } from './mailbox/index.ts'
import { applyMigrations, applyPlatform, applySeed } from './migrate.ts'
import { startPostgres } from './postgres.ts'
import { createRestService } from './rest/index.ts'
import { createStorageService } from './storage/index.ts'
import type { LocalContext, Service } from './types.ts'

export type { LocalConfig } from './config.ts'


export interface StartOptions {
  /** Temp dirs and free ports, removed on stop (tests). Otherwise `<projectDir>/.local/` and the config.toml ports. */
  ephemeral?: boolean
  /** The project: its `supabase/` folder is served and `.local/` keeps state. Default: the current directory, as the Supabase CLI. */
  projectDir?: string
  /** The folder holding config.toml, migrations/ and seed.sql. Default: `<projectDir>/supabase`. */
  supabaseDir?: string
  /** Run the seed files on a fresh database. Default: `[db.seed] enabled`. */
  seed?: boolean
  /** Port overrides; 0 picks a free port. */
  ports?: { api?: number; db?: number; mailbox?: number }
  /** Values for `env(NAME)` in config.toml. Default: process.env. */
  env?: NodeJS.ProcessEnv
  /** Last-minute changes to the parsed config (tests turn the send-email hook off, for example). */
  configure?: (config: LocalConfig) => void
  log?: (message: string) => void
}

export interface LocalStack {
  apiUrl: string
  dbUrl: string
  mailboxUrl: string
  anonKey: string
  serviceRoleKey: string
  publishableKey: string
  secretKey: string
  jwtSecret: string
  /** The stack's keys, so tests can mint user tokens with signUserToken (jwt.ts). */
  keys: Keys
  /** Where Storage keeps object bytes (`<bucket>/<key>/<version>`). */
  storageDir: string
  config: LocalConfig
  /** A superuser connection pool (tests use it to inspect the database). */
  sql: Sql
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createNetServer()
    srv.unref()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => ok(port))
    })
  })
}

async function pickPort(wanted: number | undefined, fallback: number) {
  const port = wanted ?? fallback
  return port === 0 ? freePort() : port
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      fail(err.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use: is another stack running?`) : err),
    )
    server.listen(port, '127.0.0.1', () => ok())
  })
}

function closeServer(server: Server): Promise<void> {
  return new Promise((ok) => {
    server.close(() => ok())
    server.closeAllConnections()
  })
}

/** Creates or updates the buckets declared in `[storage.buckets.*]`, as `supabase start` does. */
async function syncBuckets(sql: Sql, config: LocalConfig) {
  for (const [id, b] of Object.entries(config.storage.buckets)) {
    await sql`
      insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
      values (${id}, ${id}, ${b.public}, ${b.fileSizeLimit}, ${b.allowedMimeTypes})
      on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
        allowed_mime_types = excluded.allowed_mime_types, updated_at = now()`
  }
}

export async function startLocalStack(options: StartOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => {})
  const ephemeral = options.ephemeral ?? false
  const projectDir = resolve(options.projectDir ?? process.cwd())
  const supabaseDir = options.supabaseDir ?? join(projectDir, 'supabase')
  const config = loadConfig(supabaseDir, options.env ?? process.env)
  const stateDir = ephemeral ? mkdtempSync(join(tmpdir(), 'doulaos-stack-')) : stateDirOf(projectDir)
  mkdirSync(stateDir, { recursive: true })

  const auto = ephemeral ? 0 : undefined
  const apiPort = await pickPort(options.ports?.api ?? auto, config.api.port)
  const dbPort = await pickPort(options.ports?.db ?? auto, config.db.port)
  const mailPort = await pickPort(options.ports?.mailbox ?? auto, config.mailbox.port)
  const apiUrl = `http://127.0.0.1:${apiPort}`
  config.api.port = apiPort
  config.db.port = dbPort
  config.mailbox.port = mailPort
  if (config.auth.externalUrl.startsWith('http://127.0.0.1:')) config.auth.externalUrl = `${apiUrl}/auth/v1`
  options.configure?.(config)

  const pg = await startPostgres({ port: dbPort, dataDir: ephemeral ? undefined : join(stateDir, 'db'), log })
  const sql = postgres(pg.url, { max: 20, onnotice: () => {}, connection: { application_name: 'supabase-local' } })
  const stoppers: (() => Promise<void>)[] = [() => pg.stop(), () => sql.end({ timeout: 1 })]
  const stop = async () => {
    for (const s of stoppers.splice(0).reverse()) await s().catch((e: unknown) => log(String(e)))
    if (ephemeral) rmSync(stateDir, { recursive: true, force: true })
  }

  try {
    await applyPlatform(sql, config)
    await applyMigrations(sql, join(supabaseDir, 'migrations'), log)
    if (pg.fresh && (options.seed ?? config.db.seed.enabled)) await applySeed(sql, config, supabaseDir, log)
    await syncBuckets(sql, config)

    const storageDir = join(stateDir, 'storage')
    mkdirSync(storageDir, { recursive: true })
    const mailbox = createMailbox({ file: ephemeral ? undefined : join(stateDir, 'mailbox.jsonl'), log })
    const ctx: LocalContext = {
      config,
      keys: await loadKeys(ephemeral ? undefined : join(stateDir, 'signing-key.json')),
      sql,
      urls: { api: apiUrl, db: pg.url, mailbox: `http://127.0.0.1:${mailPort}` },
      supabaseDir,
      storageDir,
      stateDir,
      mailbox,
      log,
    }
    const services: Record<string, Service> = {
      '/auth/v1': await createAuthService(ctx),
      '/rest/v1': await createRestService(ctx),
      '/storage/v1': await createStorageService(ctx),
    }
    stoppers.push(async () => {
      for (const s of Object.values(services)) await s.close?.()
    })
    const gateway = createGateway(ctx.keys, services, log)
    await listen(gateway, apiPort)
    stoppers.push(() => closeServer(gateway))
    await listen(mailbox.server, mailPort)
    stoppers.push(() => closeServer(mailbox.server))

    return {
      apiUrl,
      dbUrl: pg.url,
      mailboxUrl: ctx.urls.mailbox,
      anonKey: ctx.keys.anonKey,
      serviceRoleKey: ctx.keys.serviceRoleKey,
      publishableKey: ctx.keys.publishableKey,
      secretKey: ctx.keys.secretKey,
      jwtSecret: ctx.keys.jwtSecret,
      keys: ctx.keys,
      storageDir,
      config,
      sql,
      stop,
    }
  } catch (err) {
    await stop()
    throw err
  }
}
