import { afterAll, describe, expect, it } from 'vitest'
import { superuser } from './shared-stack.ts'

const sql = superuser()
afterAll(() => sql.end())

describe('platform schema', () => {
  it('has the API roles with the platform attributes', async () => {
    const roles = await sql<{ rolname: string; rolbypassrls: boolean; rolcanlogin: boolean }[]>`
      select rolname, rolbypassrls, rolcanlogin from pg_roles
      where rolname in ('anon', 'authenticated', 'service_role', 'authenticator', 'supabase_auth_admin', 'supabase_storage_admin')
      order by rolname`
    expect(roles).toEqual([
      { rolname: 'anon', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticated', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticator', rolbypassrls: false, rolcanlogin: true },
      { rolname: 'service_role', rolbypassrls: true, rolcanlogin: false },
      { rolname: 'supabase_auth_admin', rolbypassrls: false, rolcanlogin: true },
      { rolname: 'supabase_storage_admin', rolbypassrls: false, rolcanlogin: true },
    ])
  })

  it('reads auth.uid(), auth.role(), auth.email() and auth.jwt() from request.jwt.claims', async () => {
    const claims = { sub: '3f0c1a5e-8d4b-4c52-9a7e-0d6f1b2c3d4e', role: 'authenticated', email: 'a@example.com' }
    const [row] = await sql.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`
      return tx`select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() ->> 'sub' as sub`
    })
    expect(row).toEqual({ uid: claims.sub, role: 'authenticated', email: 'a@example.com', sub: claims.sub })
  })

  it('returns null from auth.uid() when no claims are set', async () => {
    const [row] = await sql`select auth.uid() as uid`
    expect(row?.uid).toBeNull()
  })

  it('splits storage object names like Storage does', async () => {
    const [row] = await sql`
      select storage.foldername('p1/c1/report.final.pdf') as folders,
             storage.filename('p1/c1/report.final.pdf') as file,
             storage.extension('p1/c1/report.final.pdf') as ext`
    expect(row).toEqual({ folders: ['p1', 'c1'], file: 'report.final.pdf', ext: 'pdf' })
  })

  it('refuses a direct DELETE on storage.objects', async () => {
    await expect(sql`delete from storage.objects where false`).rejects.toMatchObject({ code: '42501' })
  })

  it('creates the buckets declared in config.toml', async () => {
    const [bucket] = await sql`select public, file_size_limit, allowed_mime_types from storage.buckets where id = 'documents'`
    expect(bucket).toEqual({
      public: false,
      file_size_limit: String(20 * 1024 * 1024),
      allowed_mime_types: ['application/pdf', 'image/jpeg', 'image/png'],
    })
  })

  it('gives new public tables no API grants when auto_expose_new_tables is false', async () => {
    await sql`create table public.scratch_grants (id int)`
    try {
      const [row] = await sql`
        select has_table_privilege('anon', 'public.scratch_grants', 'select') as anon,
               has_table_privilege('authenticated', 'public.scratch_grants', 'select') as authed`
      expect(row).toEqual({ anon: false, authed: false })
    } finally {
      await sql`drop table public.scratch_grants`
    }
  })
})
