import type { TestProject } from 'vitest/node'
import { startLocalStack } from '../index.ts'
import { PLATFORM_FIXTURE_DIR, type SharedStack } from './shared-stack.ts'

/** One ephemeral stack of the platform fixture for the suites that need no project of their own. */
export default async function setup(project: TestProject) {
  const stack = await startLocalStack({ ephemeral: true, supabaseDir: PLATFORM_FIXTURE_DIR, seed: false })
  const info: SharedStack = {
    apiUrl: stack.apiUrl,
    dbUrl: stack.dbUrl,
    mailboxUrl: stack.mailboxUrl,
    anonKey: stack.anonKey,
    serviceRoleKey: stack.serviceRoleKey,
  }
  project.provide('standinStack', info)
  return () => stack.stop()
}
