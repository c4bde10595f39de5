// The `next` processes that e2e, the benchmarks and the bundle-size check run against an ephemeral
// stand-in: a production build, then `next start` on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { LocalConfig } from '@doulaos/supabase-local'
import { REPO_ROOT } from './local-env.ts'

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

/** Runs `next <args>` to completion, e.g. `next build`. */
export function runNext(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(NEXT_BIN, args, { cwd: REPO_ROOT, env, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next ${args.join(' ')} exited with ${code}`))))
  })
}

/** Resolves once the app answers /login with a 200; fails early if the server exits. */
export async function waitForApp(url: string, server: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`)
    try {
      const res = await fetch(`${url}/login`, { redirect: 'manual' })
      await res.body?.cancel()
      if (res.status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`The app did not answer at ${url} within ${timeoutMs} ms`)
}

export function stopServer(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.pid === undefined) return resolve()
    server.once('exit', () => resolve())
    process.kill(-server.pid, 'SIGTERM')
  })
}

/**
 * `next start` on `appUrl`'s port in its own process group, so stopping it stops everything it
 * spawned; resolves once it serves pages. `logs: 'ignore'` keeps its stdout quiet (stderr stays).
 */
export async function startNext(appUrl: string, env: NodeJS.ProcessEnv, logs: 'inherit' | 'ignore' = 'inherit'): Promise<ChildProcess> {
  const server = spawn(NEXT_BIN, ['start', '-p', new URL(appUrl).port, '-H', '127.0.0.1'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', logs, 'inherit'],
    detached: true,
  })
  try {
    await waitForApp(appUrl, server)
  } catch (error) {
    await stopServer(server)
    throw error
  }
  return server
}

/** Test runs and benchmarks sign people in on purpose, often: lift the limits a real project keeps. */
export function liftAuthLimits(config: LocalConfig): void {
  config.auth.rateLimit = { emailSent: 1e6, signInSignUps: 1e6, tokenVerifications: 1e6, tokenRefresh: 1e6 }
  config.auth.email.maxFrequencySeconds = 0
}
