import type { TransactionSql } from 'postgres'
import { parseDuration } from '../config.ts'
import { sendJson } from '../http.ts'
import { internal, validationFailed } from './errors.ts'
import { requireAdmin } from './guard.ts'
import { optBool, optObject, optString, readJson, type Json } from './request.ts'
import { checkPassword, type RouteContext } from './route.ts'
import {
  asJson,
  confirmEmail,
  createUser,
  emailExists,
  findUserByEmail,
  findUserById,
  loadUserOrThrow,
  mergeMetadata,
  normaliseEmail,
  userJson,
  UUID,
  type UserRow,
} from './users.ts'

/** `ban_duration`: "none" lifts a ban, otherwise a Go duration from now. */
async function applyBan(tx: TransactionSql, id: string, ban: string | undefined) {
  if (ban === undefined) return
  if (ban === 'none') {
    await tx`update auth.users set banned_until = null where id = ${id}`
    return
  }
  const seconds = parseDuration(ban, NaN)
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(ban) || !Number.isFinite(seconds)) {
    throw validationFailed('invalid format for ban duration')
  }
  await tx`update auth.users set banned_until = now() + make_interval(secs => ${seconds}) where id = ${id}`
}

/** The user as JSON, read inside the transaction; callers send it only after the commit. */
async function userAnswer(tx: TransactionSql, id: string): Promise<Json> {
  const user = await findUserById(tx, id)
  return user ? userJson(tx, user) : {}
}

/** POST /admin/users — create a user (seeding); duplicate email → 422 email_exists. */
export async function adminCreateUser({ ctx, req, res }: RouteContext) {
  await requireAdmin(ctx, req)
  const body = await readJson(req)
  const rawEmail = optString(body, 'email')
  const password = optString(body, 'password')
  const id = optString(body, 'id')
  if (optString(body, 'phone')) throw validationFailed('Unsupported phone provider')
  if (!rawEmail) throw validationFailed('Unable to validate email address: invalid format')
  if (id !== undefined && !UUID.test(id)) throw validationFailed('id must be a UUID')
  if (password !== undefined) checkPassword(ctx, password)
  const email = normaliseEmail(rawEmail)
  const answer = await ctx.sql.begin(async (tx) => {
    if (await findUserByEmail(tx, email)) throw emailExists()
    const user = await createUser(tx, {
      email,
      password,
      id,
      role: optString(body, 'role'),
      confirmed: optBool(body, 'email_confirm') ?? false,
      userMetadata: optObject(body, 'user_metadata'),
      appMetadata: optObject(body, 'app_metadata'),
    })
    await applyBan(tx, user.id, optString(body, 'ban_duration'))
    return userAnswer(tx, user.id)
  })
  sendJson(res, 200, answer)
}

/** GET /admin/users?page=&per_page= — `{users, aud}` with x-total-count and link headers. */
export async function adminListUsers({ ctx, req, res, url }: RouteContext) {
  await requireAdmin(ctx, req)
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1)
  const perPage = Math.max(1, Number.parseInt(url.searchParams.get('per_page') ?? '50', 10) || 50)
  const [{ count } = { count: 0 }] = await ctx.sql<{ count: number }[]>`select count(*)::int as count from auth.users`
  const rows = await ctx.sql<UserRow[]>`
    select * from auth.users order by created_at desc, id limit ${perPage} offset ${(page - 1) * perPage}`
  const users: Json[] = []
  for (const row of rows) users.push(await userJson(ctx.sql, row))
  const last = Math.max(1, Math.ceil(count / perPage))
  const links: string[] = []
  if (page < last) links.push(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`)
  links.push(`</admin/users?page=${last}&per_page=${perPage}>; rel="last"`)
  sendJson(res, 200, { users, aud: 'authenticated' }, { 'x-total-count': String(count), link: links.join(', ') })
}

/** GET /admin/users/{id} */
export async function adminGetUser({ ctx, req, res, params }: RouteContext) {
  await requireAdmin(ctx, req)
  const user = await loadUserOrThrow(ctx.sql, params.id ?? '')
  sendJson(res, 200, await userJson(ctx.sql, user))
}

/** PUT /admin/users/{id} — email/password/metadata/role/ban changes, applied directly. */
export async function adminUpdateUser({ ctx, req, res, params }: RouteContext) {
  await requireAdmin(ctx, req)
  const body = await readJson(req)
  const rawEmail = optString(body, 'email')
  const password = optString(body, 'password')
  const role = optString(body, 'role')
  const userMeta = optObject(body, 'user_metadata')
  const appMeta = optObject(body, 'app_metadata')
  const emailConfirm = optBool(body, 'email_confirm')
  const ban = optString(body, 'ban_duration')
  if (password !== undefined) checkPassword(ctx, password)
  const email = rawEmail ? normaliseEmail(rawEmail) : undefined
  const answer = await ctx.sql.begin(async (tx) => {
    const user = await loadUserOrThrow(tx, params.id ?? '')
    const id = user.id
    if (email && email !== user.email) {
      const taken = await findUserByEmail(tx, email)
      if (taken && taken.id !== id) throw emailExists()
      await tx`update auth.users set email = ${email} where id = ${id}`
      await tx`
        update auth.identities set identity_data = jsonb_set(identity_data, '{email}', to_jsonb(${email}::text))
        where user_id = ${id} and provider = 'email'`
    }
    if (password !== undefined) {
      await tx`update auth.users set encrypted_password = extensions.crypt(${password}, extensions.gen_salt('bf', 10)) where id = ${id}`
    }
    if (role !== undefined) await tx`update auth.users set role = ${role} where id = ${id}`
    if (userMeta) {
      await tx`update auth.users set raw_user_meta_data = ${tx.json(asJson(mergeMetadata(user.raw_user_meta_data, userMeta)))} where id = ${id}`
    }
    if (appMeta) {
      await tx`update auth.users set raw_app_meta_data = ${tx.json(asJson(mergeMetadata(user.raw_app_meta_data, appMeta)))} where id = ${id}`
    }
    if (emailConfirm === true) await confirmEmail(tx, id)
    await applyBan(tx, id, ban)
    await tx`update auth.users set updated_at = now() where id = ${id}`
    return userAnswer(tx, id)
  })
  sendJson(res, 200, answer)
}

/** DELETE /admin/users/{id} — hard delete (app FKs may block it) or soft delete; 200 `{}`. */
export async function adminDeleteUser({ ctx, req, res, params }: RouteContext) {
  await requireAdmin(ctx, req)
  const body = await readJson(req)
  const soft = optBool(body, 'should_soft_delete') ?? false
  await ctx.sql.begin(async (tx) => {
    const user = await loadUserOrThrow(tx, params.id ?? '')
    try {
      await tx.savepoint(async (sp) => {
        if (soft) {
          await sp`delete from auth.identities where user_id = ${user.id}`
          await sp`delete from auth.sessions where user_id = ${user.id}`
          await sp`
            update auth.users set deleted_at = now(), email = null, phone = null, encrypted_password = '',
              raw_user_meta_data = '{}', raw_app_meta_data = '{}', updated_at = now() where id = ${user.id}`
        } else {
          await sp`delete from auth.users where id = ${user.id}`
        }
      })
    } catch (e) {
      ctx.log(`auth: deleting user ${user.id} failed: ${e instanceof Error ? e.message : String(e)}`)
      throw internal('Database error deleting user')
    }
  })
  sendJson(res, 200, {})
}
