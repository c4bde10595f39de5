import type { Sql } from 'postgres'

/**
 * Auth-owned state the platform schema does not carry yet: GoTrue's `mfa_amr_claims` (the method
 * behind each session, which the `amr` claim repeats on every refresh). Idempotent; runs at start.
 */
export async function ensureAuthSchema(sql: Sql) {
  await sql`
    create table if not exists auth.mfa_amr_claims (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references auth.sessions (id) on delete cascade,
      authentication_method text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (session_id, authentication_method)
    )`
  await sql`alter table auth.mfa_amr_claims owner to supabase_auth_admin`
}
