import { sendJson } from '../http.ts'
import { unprocessable, validationFailed } from './errors.ts'
import { sendLink } from './links.ts'
import { pkceParams } from './pkce.ts'
import { resolveRedirect } from './redirect.ts'
import { optBool, optObject, optString, query, readJson } from './request.ts'
import { autoconfirm, clientMeta, type RouteContext } from './route.ts'
import { confirmEmail, createUser, findUserByEmail, findUserById, normaliseEmail } from './users.ts'

/** POST /otp — signInWithOtp: signs unknown emails up (unless create_user is false), then mails a link. */
export async function postOtp({ ctx, req, res, url, limiter }: RouteContext) {
  const { ip } = clientMeta(req)
  limiter.hit('signInSignUps', ip)
  const body = await readJson(req)
  const rawEmail = optString(body, 'email')
  const phone = optString(body, 'phone')
  const data = optObject(body, 'data')
  const allowSignup = optBool(body, 'create_user') ?? true
  const pkce = pkceParams(optString(body, 'code_challenge'), optString(body, 'code_challenge_method'))
  if (rawEmail && phone) throw validationFailed('Only an email address or phone number should be provided')
  if (phone) throw unprocessable('phone_provider_disabled', 'Unsupported phone provider')
  if (!rawEmail) throw validationFailed('An email address is required')
  const auth = ctx.config.auth
  if (!auth.email.enableSignup) throw unprocessable('email_provider_disabled', 'Email logins are disabled')
  const email = normaliseEmail(rawEmail)
  const redirectTo = resolveRedirect(query(url, 'redirect_to'), auth)

  await ctx.sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${email}))`
    let user = await findUserByEmail(tx, email)
    if (!user) {
      if (!allowSignup) throw unprocessable('otp_disabled', 'Signups not allowed for otp')
      if (!auth.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance')
      user = await createUser(tx, { email, userMetadata: data, confirmed: autoconfirm(ctx) })
    } else if (!user.email_confirmed_at && autoconfirm(ctx)) {
      await confirmEmail(tx, user.id)
      user = (await findUserById(tx, user.id)) ?? user
    }
    const action = user.email_confirmed_at ? 'magiclink' : 'signup'
    await sendLink(ctx, tx, { user, action, redirectTo, pkce, ip })
  })
  sendJson(res, 200, {})
}
