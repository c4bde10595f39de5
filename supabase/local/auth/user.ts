import { send, sendJson } from '../http.ts'
import { validationFailed } from './errors.ts'
import { requireUser } from './guard.ts'
import { sendLink } from './links.ts'
import { pkceParams } from './pkce.ts'
import { resolveRedirect } from './redirect.ts'
import { optObject, optString, query, readJson } from './request.ts'
import { autoconfirm, checkPassword, clientMeta, type RouteContext } from './route.ts'
import { asJson, emailExists, findUserByEmail, findUserById, mergeMetadata, normaliseEmail, userJson } from './users.ts'

/** GET /user — the bare user JSON of the bearer's user. */
export async function getUser({ ctx, req, res }: RouteContext) {
  const { user } = await requireUser(ctx, req)
  sendJson(res, 200, await userJson(ctx.sql, user))
}

/**
 * PUT /user — updateUser({email, password, data}). With autoconfirm the email changes at once
 * (GoTrue's behaviour); otherwise an email_change link goes to the new address.
 */
export async function putUser({ ctx, req, res, url }: RouteContext) {
  const caller = await requireUser(ctx, req)
  const body = await readJson(req)
  const rawEmail = optString(body, 'email')
  const password = optString(body, 'password')
  const data = optObject(body, 'data')
  if (optString(body, 'phone')) throw validationFailed('Unsupported phone provider')
  const pkce = pkceParams(optString(body, 'code_challenge'), optString(body, 'code_challenge_method'))
  if (password !== undefined) checkPassword(ctx, password)
  const email = rawEmail ? normaliseEmail(rawEmail) : undefined
  const redirectTo = resolveRedirect(query(url, 'redirect_to'), ctx.config.auth)
  const id = caller.user.id

  const updated = await ctx.sql.begin(async (tx) => {
    if (data) {
      await tx`
        update auth.users set raw_user_meta_data = ${tx.json(asJson(mergeMetadata(caller.user.raw_user_meta_data, data)))},
          updated_at = now() where id = ${id}`
    }
    if (password !== undefined) {
      await tx`
        update auth.users set encrypted_password = extensions.crypt(${password}, extensions.gen_salt('bf', 10)),
          updated_at = now() where id = ${id}`
    }
    if (email && email !== caller.user.email) {
      const taken = await findUserByEmail(tx, email)
      if (taken && taken.id !== id) throw emailExists()
      if (autoconfirm(ctx)) {
        await tx`update auth.users set email = ${email}, email_change = '', updated_at = now() where id = ${id}`
        await tx`
          update auth.identities set identity_data = jsonb_set(identity_data, '{email}', to_jsonb(${email}::text)),
            updated_at = now() where user_id = ${id} and provider = 'email'`
      } else {
        await tx`update auth.users set email_change = ${email} where id = ${id}`
        const user = await findUserById(tx, id)
        if (user)
          await sendLink(ctx, tx, { user, action: 'email_change', redirectTo, pkce, ip: clientMeta(req).ip, to: email })
      }
    }
    const user = await findUserById(tx, id)
    return user ? userJson(tx, user) : {}
  })
  sendJson(res, 200, updated)
}

/** POST /logout?scope=global|local|others — ends sessions; 204. */
export async function postLogout({ ctx, req, res, url }: RouteContext) {
  const { user, sessionId } = await requireUser(ctx, req)
  const scope = url.searchParams.get('scope') ?? 'global'
  if (scope === 'global') {
    await ctx.sql`delete from auth.sessions where user_id = ${user.id}`
  } else if (scope === 'local') {
    if (sessionId) await ctx.sql`delete from auth.sessions where id = ${sessionId}`
  } else if (scope === 'others') {
    await ctx.sql`delete from auth.sessions where user_id = ${user.id} and id is distinct from ${sessionId ?? null}::uuid`
  } else {
    throw validationFailed(`Unsupported logout scope "${scope}"`)
  }
  send(res, 204, undefined)
}
