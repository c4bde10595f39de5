// supabase-local start — the stack in the foreground; supabase-local reset — a fresh, migrated, seeded
// database. Both work on the project in the current directory (its supabase/ and .local/ folders).
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { stateDirOf } from './config.ts'
import { startLocalStack, type LocalStack } from './index.ts'

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
function stopOnSignals(stop: () => Promise<void>) {
  let stopping = false
  const handler = () => {
    if (stopping) return
    stopping = true
    stop().finally(() => process.exit(0))
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
}

export async function main([command]: string[]) {
  const projectDir = process.cwd()
  if (command === 'reset') {
    const stateDir = stateDirOf(projectDir)
    rmSync(join(stateDir, 'db'), { recursive: true, force: true })
    rmSync(join(stateDir, 'storage'), { recursive: true, force: true })
    const stack = await startLocalStack({ projectDir, log: (m) => /Applied|Seeded/.test(m) && console.log(m) })
    await stack.stop()
    console.log('Finished db:reset: migrations applied and seed loaded.')
    return
  }
  if (command === 'start') {
    const started = Date.now()
    const stack = await startLocalStack({ projectDir, log: (m) => /Applied|Seeded|failed/.test(m) && console.log(m) })
    console.log(`Started supabase local development setup in ${Date.now() - started} ms.\n\n${describeStack(stack)}`)
    stopOnSignals(stack.stop)
    return
  }
  console.error('Usage: supabase-local start|reset (in the folder that holds supabase/)')
  process.exit(2)
}
