import type { SupabaseClient } from '@supabase/supabase-js'
import type { BenchEnv, RunningApp } from './app.ts'

export interface BenchOptions {
  /** Practices seeded before the render, portal and export goals. */
  practices: number
  clients: number
  /** Practices in the database when one is deleted (the rest are seeded just before). */
  deletionPractices: number
  /** Requests per page under load, and how many are in flight at once. */
  requests: number
  concurrency: number
  /** Sequential renders per page whose Supabase calls are timed. */
  profiles: number
  /** Stored files in the exported practice, in MB, and the size of the uploaded PDF in bytes. */
  exportMb: number
  uploadBytes: number
}

export interface BenchContext {
  bench: BenchEnv
  app: RunningApp
  /** Service-role client straight to the stand-in, for setup only. */
  admin: SupabaseClient
  options: BenchOptions
}

/** The practice whose people sign in for every goal: practice 1, owned by doula 1. */
export const PROBE = 1
