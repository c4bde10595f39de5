// npm run supabase:start — the local stack in the foreground; npm run db:reset — a fresh, migrated, seeded database.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_STATE_DIR, startLocalStack, type LocalStack } from './index.ts'

export function describeStack(stack: LocalStack): string {
  return [
    `         API URL: ${stack.apiUrl}`,
    `          DB URL: ${stack.dbUrl}`,
    `     Mailbox URL: ${stack.mailboxUrl}`,
    `      JWT secret: ${stack.jwtSecret}`,
    `        anon key: ${stack.anonKey}`,
    `service_role key: ${stack.serviceRoleKey}`,
    ` Publishable key: ${stack.publishableKey}`,
    `      Secret key: ${stack.secretKey}`,
  ].join('\n')
}

/** Stops the stack once on SIGINT/SIGTERM, then exits. */
export function stopOnSignals(stop: () => Promise<void>) {
  let stopping = false
  const handler = () => {
    if (stopping) return
    stopping = true
    stop().finally(() => process.exit(0))
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
}

async function main(command: string | undefined) {
  if (command === 'reset') {
    rmSync(join(DEFAULT_STATE_DIR, 'db'), { recursive: true, force: true })
    rmSync(join(DEFAULT_STATE_DIR, 'storage'), { recursive: true, force: true })
    const stack = await startLocalStack({ log: (m) => /Applied|Seeded/.test(m) && console.log(m) })
    await stack.stop()
    console.log('Finished db:reset: migrations applied and seed loaded.')
    return
  }
  if (command === 'start') {
    const started = Date.now()
    const stack = await startLocalStack({ log: (m) => /Applied|Seeded|failed/.test(m) && console.log(m) })
    console.log(`Started supabase local development setup in ${Date.now() - started} ms.\n\n${describeStack(stack)}`)
    stopOnSignals(stack.stop)
    return
  }
  console.error('Usage: tsx supabase/local/cli.ts start|reset')
  process.exit(2)
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv[2])
