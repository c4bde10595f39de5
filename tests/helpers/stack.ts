import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import postgres from 'postgres'
import { inject } from 'vitest'

export interface StackInfo {
  apiUrl: string
  dbUrl: string
  mailboxUrl: string
  anonKey: string
  serviceRoleKey: string
  /** Signs the HS256 tokens the API accepts (the CLI's demo secret). */
  jwtSecret: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo
  }
}

/** The integration run's shared local stack (see tests/integration/global-setup.ts). */
export const stack = (): StackInfo => inject('stack')

const noSession = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } }

export function anonClient(info: StackInfo = stack()): SupabaseClient {
  return createClient(info.apiUrl, info.anonKey, noSession)
}

export function serviceClient(info: StackInfo = stack()): SupabaseClient {
  return createClient(info.apiUrl, info.serviceRoleKey, noSession)
}

/** A superuser connection for assertions on the database itself; close it in afterAll. */
export function superuser(info: StackInfo = stack()) {
  return postgres(info.dbUrl, { max: 2, onnotice: () => {} })
}
