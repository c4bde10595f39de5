import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { localAppEnv, localStackEnv } from '../../scripts/local-env.ts'
import { REPO_ROOT, startLocalStack } from '../../supabase/local/index.ts'

const NEXT_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'next')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(NEXT_BIN, args, { cwd: REPO_ROOT, env, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next ${args.join(' ')} exited with ${code}`))))
  })
}

export async function waitForApp(url: string, server: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`)
    try {
      const res = await fetch(`${url}/login`, { redirect: 'manual' })
      if (res.status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`The app did not answer at ${url} within ${timeoutMs} ms`)
}

/** Stops `next start` and every process it spawned (it runs in its own process group). */
export function stopServer(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.pid === undefined) return resolve()
    server.once('exit', () => resolve())
    process.kill(-server.pid, 'SIGTERM')
  })
}

export default async function globalSetup() {
  const appPort = await freePort()
  const appUrl = `http://127.0.0.1:${appPort}`
  const stack = await startLocalStack({
    ephemeral: true,
    seed: false,
    env: localStackEnv(appUrl),
    configure: (config) => {
      config.auth.rateLimit = { emailSent: 1e6, signInSignUps: 1e6, tokenVerifications: 1e6, tokenRefresh: 1e6 }
      config.auth.email.maxFrequencySeconds = 0
    },
  })
  let server: ChildProcess | undefined
  try {
    const env = { ...process.env, ...localAppEnv(stack, appUrl), NEXT_TELEMETRY_DISABLED: '1' }
    if (process.env.E2E_SKIP_BUILD !== '1') await run(['build'], env)
    server = spawn(NEXT_BIN, ['start', '-p', String(appPort), '-H', '127.0.0.1'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    })
    await waitForApp(appUrl, server)
  } catch (error) {
    if (server) await stopServer(server)
    await stack.stop()
    throw error
  }

  process.env.E2E_BASE_URL = appUrl
  process.env.E2E_MAILBOX_URL = stack.mailboxUrl
  // Portal specs seed client records the dashboard cannot create yet (REST with the service key).
  process.env.E2E_API_URL = stack.apiUrl
  process.env.E2E_SERVICE_ROLE_KEY = stack.serviceRoleKey
  const started = server
  return async () => {
    await stopServer(started)
    await stack.stop()
  }
}
