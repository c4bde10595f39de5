import { randomUUID } from 'node:crypto'
import type { JSONValue, Sql, TransactionSql } from 'postgres'
import { AuthError, internal } from './errors.ts'
import type { Json } from './request.ts'

export type Db = Sql | TransactionSql

export interface UserRow {
  id: string
  aud: string | null
  role: string | null
  email: string | null
  encrypted_password: string | null
  email_confirmed_at: Date | null
  invited_at: Date | null
  confirmation_token: string | null
  confirmation_sent_at: Date | null
  recovery_token: string | null
  recovery_sent_at: Date | null
  email_change_token_new: string | null
  email_change: string | null
  email_change_sent_at: Date | null
  last_sign_in_at: Date | null
  raw_app_meta_data: Json | null
  raw_user_meta_data: Json | null
  created_at: Date | null
  updated_at: Date | null
  phone: string | null
  phone_confirmed_at: Date | null
  confirmed_at: Date | null
  banned_until: Date | null
  reauthentication_sent_at: Date | null
  deleted_at: Date | null
  is_anonymous: boolean
}

interface IdentityRow {
  id: string
  provider_id: string
  user_id: string
  identity_data: Json
  provider: string
  last_sign_in_at: Date | null
  created_at: Date | null
  updated_at: Date | null
  email: string | null
}

export const AUTHENTICATED = 'authenticated'

/** Metadata objects come from parsed JSON bodies or jsonb columns, so they are JSON by construction. */
export const asJson = (value: Json): JSONValue => value as JSONValue

const iso = (d: Date | null) => (d ? d.toISOString() : undefined)

/** Adds `key` only when the value is set, as GoTrue's `omitempty` fields do. */
function withOptional(target: Json, entries: Record<string, string | undefined>): Json {
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && v !== '') target[k] = v
  return target
}

/** The User JSON of §4.1, built from the row and its identities. */
export async function userJson(db: Db, user: UserRow): Promise<Json> {
  const identities = await db<IdentityRow[]>`
    select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
    from auth.identities where user_id = ${user.id} order by created_at`
  const json: Json = { id: user.id, aud: user.aud ?? '', role: user.role ?? '', email: user.email ?? '' }
  withOptional(json, {
    email_confirmed_at: iso(user.email_confirmed_at),
    invited_at: iso(user.invited_at),
  })
  json.phone = user.phone ?? ''
  withOptional(json, {
    phone_confirmed_at: iso(user.phone_confirmed_at),
    confirmation_sent_at: iso(user.confirmation_sent_at),
    confirmed_at: iso(user.confirmed_at),
    recovery_sent_at: iso(user.recovery_sent_at),
    new_email: user.email_change ?? undefined,
    email_change_sent_at: iso(user.email_change_sent_at),
    reauthentication_sent_at: iso(user.reauthentication_sent_at),
    last_sign_in_at: iso(user.last_sign_in_at),
  })
  json.app_metadata = user.raw_app_meta_data ?? {}
  json.user_metadata = user.raw_user_meta_data ?? {}
  json.identities = identities.map((i) => ({
    identity_id: i.id,
    id: i.provider_id,
    user_id: i.user_id,
    identity_data: i.identity_data,
    provider: i.provider,
    last_sign_in_at: iso(i.last_sign_in_at),
    created_at: iso(i.created_at),
    updated_at: iso(i.updated_at),
    email: i.email ?? undefined,
  }))
  json.created_at = iso(user.created_at)
  json.updated_at = iso(user.updated_at)
  withOptional(json, { banned_until: iso(user.banned_until), deleted_at: iso(user.deleted_at) })
  json.is_anonymous = user.is_anonymous
  return json
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db<UserRow[]>`select * from auth.users where id = ${id}`
  return row
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db<UserRow[]>`
    select * from auth.users where lower(email) = ${email.toLowerCase()} and is_sso_user = false`
  return row
}

/** Loads the user for an admin route: GoTrue answers 404 for a non-UUID id as for a missing one. */
export async function loadUserOrThrow(db: Db, id: string): Promise<UserRow> {
  if (!UUID.test(id)) throw new AuthError(404, 'validation_failed', 'user_id must be an UUID')
  const user = await findUserById(db, id)
  if (!user) throw new AuthError(404, 'user_not_found', 'User not found')
  return user
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** GoTrue's email check: something@something, no spaces, at most 255 characters. */
export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase()
  if (email.length > 255 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new AuthError(400, 'validation_failed', 'Unable to validate email address: invalid format')
  }
  return email
}

export interface NewUser {
  email: string
  password?: string
  userMetadata?: Json
  appMetadata?: Json
  confirmed: boolean
  invited?: boolean
  id?: string
  role?: string
}

export const emailExists = () =>
  new AuthError(422, 'email_exists', 'A user with this email address has already been registered')

/** Maps failures of app triggers on auth.users to GoTrue's generic message. */
async function saving<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    if (e instanceof AuthError) throw e
    if ((e as { constraint_name?: string }).constraint_name === 'users_email_partial_key') throw emailExists()
    throw internal('Database error saving new user')
  }
}

/**
 * Creates an email user the way GoTrue's signup does: INSERT with an empty role, then UPDATE the
 * role, so AFTER INSERT triggers see role = '' (§2.4); then re-read so trigger-set values show.
 * Runs inside the caller's transaction so a later failure (e.g. the email hook) undoes it.
 */
export async function createUser(tx: TransactionSql, input: NewUser): Promise<UserRow> {
  const id = input.id ?? randomUUID()
  const identityData = { sub: id, email: input.email, email_verified: input.confirmed, phone_verified: false }
  const userMeta = { ...identityData, ...(input.userMetadata ?? {}) }
  const appMeta = { provider: 'email', providers: ['email'], ...(input.appMetadata ?? {}) }
  return saving(async () => {
    await tx.savepoint(async (sp) => {
      await sp`
        insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
          raw_app_meta_data, raw_user_meta_data, is_super_admin, created_at, updated_at, confirmation_token,
          recovery_token, email_change_token_new, email_change)
        values ('00000000-0000-0000-0000-000000000000', ${id}, ${AUTHENTICATED}, '', ${input.email},
          ${input.password ? sp`extensions.crypt(${input.password}, extensions.gen_salt('bf', 10))` : sp`''`},
          ${input.confirmed ? sp`now()` : null}, ${input.invited ? sp`now()` : null},
          ${sp.json(asJson(appMeta))}, ${sp.json(asJson(userMeta))}, false, now(), now(), '', '', '', '')`
      await sp`update auth.users set role = ${input.role ?? AUTHENTICATED} where id = ${id}`
      await sp`
        insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
        values (${id}, ${id}, ${sp.json(asJson(identityData))}, 'email', now(), now(), now())`
    })
    const user = await findUserById(tx, id)
    if (!user) throw internal('Database error saving new user')
    return user
  })
}

/** Marks the email confirmed, mirroring the flag into the identity and user metadata as GoTrue does. */
export async function confirmEmail(db: Db, id: string) {
  await db`
    update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()),
      raw_user_meta_data = case when raw_user_meta_data ? 'email_verified'
        then jsonb_set(raw_user_meta_data, '{email_verified}', 'true') else raw_user_meta_data end,
      updated_at = now()
    where id = ${id}`
  await db`
    update auth.identities set identity_data = jsonb_set(identity_data, '{email_verified}', 'true'), updated_at = now()
    where user_id = ${id} and provider = 'email'`
}

/** Merges metadata as GoTrue does: keys set to null are removed. */
export function mergeMetadata(current: Json | null, patch: Json): Json {
  const out: Json = { ...(current ?? {}) }
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else out[k] = v
  }
  return out
}

export function isBanned(user: UserRow): boolean {
  return user.banned_until !== null && user.banned_until.getTime() > Date.now()
}
