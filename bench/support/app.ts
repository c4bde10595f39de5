// The app as production runs it: `next build` once, then `next start` on a free port against an
// ephemeral stack, reached through the recorder so every Supabase call it makes is timestamped.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { localAppEnv, localStackEnv } from '../../scripts/local-env.ts'
import { REPO_ROOT, startLocalStack, type LocalStack } from '../../supabase/local/index.ts'
import { freePort, run, stopServer, waitForApp } from '../../tests/e2e/global-setup.ts'
import { startRecorder, type Recorder } from './recorder.ts'
import { findServerPid } from './rss.ts'

const NEXT_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'next')

export interface BenchEnv {
  stack: LocalStack
  recorder: Recorder
  appUrl: string
  /** The environment `next build` and `next start` run with. */
  env: NodeJS.ProcessEnv
  stop(): Promise<void>
}

/** An ephemeral stack with the auth rate limits lifted (the bench signs in on purpose, often). */
export async function startBenchEnv(): Promise<BenchEnv> {
  const appUrl = `http://127.0.0.1:${await freePort()}`
  const stack = await startLocalStack({
    ephemeral: true,
    seed: false,
    env: localStackEnv(appUrl),
    configure: (config) => {
      config.auth.rateLimit = { emailSent: 1e6, signInSignUps: 1e6, tokenVerifications: 1e6, tokenRefresh: 1e6 }
      config.auth.email.maxFrequencySeconds = 0
    },
  })
  const recorder = await startRecorder(stack.apiUrl).catch(async (error: unknown) => {
    await stack.stop()
    throw error
  })
  const env = {
    ...process.env,
    ...localAppEnv(stack, appUrl),
    NEXT_PUBLIC_SUPABASE_URL: recorder.url,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-websocket'].filter(Boolean).join(' '),
  }
  return {
    stack,
    recorder,
    appUrl,
    env,
    async stop() {
      await recorder.stop()
      await stack.stop()
    },
  }
}

export const buildApp = (bench: BenchEnv) => run(['build'], bench.env)

export interface RunningApp {
  url: string
  /** The `next-server` process: the one whose memory is measured. */
  serverPid: number
  stop(): Promise<void>
}

/** `next start` in its own process group, so stopping it stops everything it spawned. */
export async function startApp(bench: BenchEnv): Promise<RunningApp> {
  const port = new URL(bench.appUrl).port
  const server: ChildProcess = spawn(NEXT_BIN, ['start', '-p', port, '-H', '127.0.0.1'], {
    cwd: REPO_ROOT,
    env: bench.env,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  try {
    await waitForApp(bench.appUrl, server)
  } catch (error) {
    await stopServer(server)
    throw error
  }
  return { url: bench.appUrl, serverPid: findServerPid(server.pid!), stop: () => stopServer(server) }
}
