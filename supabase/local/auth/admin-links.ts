import type { TransactionSql } from 'postgres'
import { sendJson } from '../http.ts'
import type { LocalContext } from '../types.ts'
import { notFound, validationFailed } from './errors.ts'
import { requireAdmin } from './guard.ts'
import { sendLink } from './links.ts'
import { confirmationUrl } from './mail.ts'
import { resolveRedirect } from './redirect.ts'
import { optObject, optString, query, readJson } from './request.ts'
import { checkPassword, clientMeta, type RouteContext } from './route.ts'
import { newToken, storeToken, type EmailAction } from './tokens.ts'
import {
  createUser,
  emailExists,
  findUserByEmail,
  findUserById,
  normaliseEmail,
  userJson,
  type UserRow,
} from './users.ts'

const LINK_TYPES = ['signup', 'invite', 'magiclink', 'recovery', 'email_change_current', 'email_change_new'] as const
type LinkType = (typeof LINK_TYPES)[number]

interface Plan {
  user: UserRow
  action: EmailAction
  /** `verification_type` in the answer (magiclink for a new email turns into signup). */
  verificationType: string
  recipient: string
}

/** Finds or creates the user a link type needs, applying GoTrue's conversions and refusals. */
async function plan(
  ctx: LocalContext,
  tx: TransactionSql,
  type: LinkType,
  email: string,
  body: Record<string, unknown>,
): Promise<Plan> {
  const existing = await findUserByEmail(tx, email)
  const password = optString(body, 'password')
  const data = optObject(body, 'data')
  const signup = async (invited: boolean) => {
    if (existing?.email_confirmed_at) throw emailExists()
    if (password !== undefined) checkPassword(ctx, password)
    const user = existing ?? (await createUser(tx, { email, password, userMetadata: data, confirmed: false, invited }))
    if (existing && invited) await tx`update auth.users set invited_at = now() where id = ${existing.id}`
    return user
  }
  switch (type) {
    case 'signup':
      return { user: await signup(false), action: 'signup', verificationType: 'signup', recipient: email }
    case 'invite':
      return { user: await signup(true), action: 'invite', verificationType: 'invite', recipient: email }
    case 'magiclink':
      if (!existing)
        return { user: await signup(false), action: 'signup', verificationType: 'signup', recipient: email }
      return { user: existing, action: 'magiclink', verificationType: 'magiclink', recipient: email }
    case 'recovery':
      if (!existing) throw notFound('user_not_found', 'User with this email not found')
      return { user: existing, action: 'recovery', verificationType: 'recovery', recipient: email }
    case 'email_change_current':
    case 'email_change_new': {
      if (!existing) throw notFound('user_not_found', 'User with this email not found')
      const rawNew = optString(body, 'new_email')
      if (!rawNew) throw validationFailed('The new email address provided is invalid')
      const newEmail = normaliseEmail(rawNew)
      const taken = await findUserByEmail(tx, newEmail)
      if (taken && taken.id !== existing.id) throw emailExists()
      await tx`update auth.users set email_change = ${newEmail} where id = ${existing.id}`
      return { user: existing, action: 'email_change', verificationType: type, recipient: newEmail }
    }
  }
}

/**
 * POST /admin/generate_link — stores a fresh token hash and returns the link without sending
 * mail: no frequency limit and never a `pkce_` prefix. The user fields come flattened.
 */
export async function adminGenerateLink({ ctx, req, res, url }: RouteContext) {
  await requireAdmin(ctx, req)
  const body = await readJson(req)
  const type = optString(body, 'type') ?? ''
  if (!(LINK_TYPES as readonly string[]).includes(type)) {
    throw validationFailed(`Invalid email action link type requested: ${type}`)
  }
  const rawEmail = optString(body, 'email')
  if (!rawEmail) throw validationFailed('An email address is required')
  const email = normaliseEmail(rawEmail)
  const redirectTo = resolveRedirect(query(url, 'redirect_to') ?? optString(body, 'redirect_to'), ctx.config.auth)
  const answer = await ctx.sql.begin(async (tx) => {
    const p = await plan(ctx, tx, type as LinkType, email, body)
    const token = newToken(p.recipient, ctx.config.auth.email.otpLength, false)
    await storeToken(tx, p.user.id, p.action, token.hash)
    const user = (await findUserById(tx, p.user.id)) ?? p.user
    const linkType = p.action === 'email_change' ? 'email_change' : p.verificationType
    return {
      ...(await userJson(tx, user)),
      action_link: confirmationUrl(ctx.config.auth.externalUrl, token.hash, linkType, redirectTo),
      email_otp: token.otp,
      hashed_token: token.hash,
      verification_type: p.verificationType,
      redirect_to: redirectTo,
    }
  })
  sendJson(res, 200, answer)
}

/** POST /invite — creates (or re-invites) an unconfirmed user and sends the invite email. */
export async function postInvite({ ctx, req, res, url }: RouteContext) {
  await requireAdmin(ctx, req)
  const body = await readJson(req)
  const rawEmail = optString(body, 'email')
  if (!rawEmail) throw validationFailed('An email address is required')
  const email = normaliseEmail(rawEmail)
  const data = optObject(body, 'data')
  const redirectTo = resolveRedirect(query(url, 'redirect_to'), ctx.config.auth)
  const answer = await ctx.sql.begin(async (tx) => {
    const existing = await findUserByEmail(tx, email)
    if (existing?.email_confirmed_at) throw emailExists()
    const user = existing ?? (await createUser(tx, { email, userMetadata: data, confirmed: false, invited: true }))
    if (existing) await tx`update auth.users set invited_at = now() where id = ${existing.id}`
    await sendLink(ctx, tx, { user, action: 'invite', redirectTo, ip: clientMeta(req).ip })
    const fresh = (await findUserById(tx, user.id)) ?? user
    return userJson(tx, fresh)
  })
  sendJson(res, 200, answer)
}
