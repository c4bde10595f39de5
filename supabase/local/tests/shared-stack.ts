import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { inject } from 'vitest'

/** config.toml and migrations of the stack tests/global-setup.ts starts for the whole suite. */
export const PLATFORM_FIXTURE_DIR = fileURLToPath(new URL('./fixtures/platform/', import.meta.url))

export interface SharedStack {
  apiUrl: string
  dbUrl: string
  mailboxUrl: string
  anonKey: string
  serviceRoleKey: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    standinStack: SharedStack
  }
}

/** The suite's shared stack (the platform fixture). */
export const stack = (): SharedStack => inject('standinStack')

/** A superuser connection to the shared stack's database; close it in afterAll. */
export function superuser(info: SharedStack = stack()) {
  return postgres(info.dbUrl, { max: 2, onnotice: () => {} })
}
