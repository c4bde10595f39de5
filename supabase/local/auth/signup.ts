import { sendJson } from '../http.ts'
import { unprocessable, validationFailed } from './errors.ts'
import { sendLink } from './links.ts'
import { pkceParams } from './pkce.ts'
import { resolveRedirect } from './redirect.ts'
import { optObject, optString, query, readJson } from './request.ts'
import { autoconfirm, checkPassword, clientMeta, type RouteContext } from './route.ts'
import { issueSession } from './sessions.ts'
import { createUser, findUserByEmail, normaliseEmail, userJson } from './users.ts'

/** POST /signup — email+password signup: a session with autoconfirm, else a confirmation email. */
export async function postSignup({ ctx, req, res, url, limiter }: RouteContext) {
  const meta = clientMeta(req)
  limiter.hit('signInSignUps', meta.ip)
  const body = await readJson(req)
  const auth = ctx.config.auth
  if (!auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance')
  if (optString(body, 'phone')) throw unprocessable('phone_provider_disabled', 'Unsupported phone provider')
  if (!auth.email.enableSignup) throw unprocessable('email_provider_disabled', 'Email signups are disabled')
  const rawEmail = optString(body, 'email')
  const password = optString(body, 'password')
  if (!rawEmail) throw validationFailed('An email address is required')
  if (!password) throw validationFailed('Signup requires a valid password')
  checkPassword(ctx, password)
  const email = normaliseEmail(rawEmail)
  const pkce = pkceParams(optString(body, 'code_challenge'), optString(body, 'code_challenge_method'))
  const redirectTo = resolveRedirect(query(url, 'redirect_to'), auth)
  const answer = await ctx.sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${email}))`
    if (await findUserByEmail(tx, email)) throw unprocessable('user_already_exists', 'User already registered')
    const confirmed = autoconfirm(ctx)
    const user = await createUser(tx, { email, password, userMetadata: optObject(body, 'data'), confirmed })
    if (confirmed) return issueSession(ctx, tx, user.id, 'password', meta)
    await sendLink(ctx, tx, { user, action: 'signup', redirectTo, pkce, ip: meta.ip })
    return userJson(tx, user)
  })
  sendJson(res, 200, answer)
}
