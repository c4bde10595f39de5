// The app as production runs it: `next build` once, then `next start` on a free port against an
// ephemeral stack, reached through the recorder so every Supabase call it makes is timestamped.
import { localAppEnv, localStackEnv } from '../../scripts/local-env.ts'
import { freePort, liftAuthLimits, runNext, startNext, stopServer } from '../../scripts/next-process.ts'
import { startLocalStack, type LocalStack } from '@doulaos/supabase-local'
import { startRecorder, type Recorder } from './recorder.ts'
import { findServerPid } from './rss.ts'

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
    configure: liftAuthLimits,
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

export const buildApp = (bench: BenchEnv) => runNext(['build'], bench.env)

export interface RunningApp {
  url: string
  /** The `next-server` process: the one whose memory is measured. */
  serverPid: number
  stop(): Promise<void>
}

export async function startApp(bench: BenchEnv): Promise<RunningApp> {
  const server = await startNext(bench.appUrl, bench.env, 'ignore')
  return { url: bench.appUrl, serverPid: findServerPid(server.pid!), stop: () => stopServer(server) }
}
