import type { ChildProcess } from 'node:child_process'
import { localAppEnv, localStackEnv } from '../../scripts/local-env.ts'
import { freePort, liftAuthLimits, runNext, startNext, stopServer } from '../../scripts/next-process.ts'
import { startLocalStack } from '@doulaos/supabase-local'

export default async function globalSetup() {
  const appUrl = `http://127.0.0.1:${await freePort()}`
  const stack = await startLocalStack({
    ephemeral: true,
    seed: false,
    env: localStackEnv(appUrl),
    configure: liftAuthLimits,
  })
  let server: ChildProcess
  try {
    const env = { ...process.env, ...localAppEnv(stack, appUrl), NEXT_TELEMETRY_DISABLED: '1' }
    if (process.env.E2E_SKIP_BUILD !== '1') await runNext(['build'], env)
    server = await startNext(appUrl, env)
  } catch (error) {
    await stack.stop()
    throw error
  }

  process.env.E2E_BASE_URL = appUrl
  process.env.E2E_MAILBOX_URL = stack.mailboxUrl
  // Portal specs seed client records the dashboard cannot create yet (REST with the service key).
  process.env.E2E_API_URL = stack.apiUrl
  process.env.E2E_SERVICE_ROLE_KEY = stack.serviceRoleKey
  return async () => {
    await stopServer(server)
    await stack.stop()
  }
}
