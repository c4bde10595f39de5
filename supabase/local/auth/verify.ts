import { send, sendJson } from '../http.ts'
import { AuthError, validationFailed } from './errors.ts'
import { issueAuthCode } from './pkce.ts'
import { resolveRedirect } from './redirect.ts'
import { optString, query, readJson } from './request.ts'
import { clientMeta, type RouteContext } from './route.ts'
import { issueSession } from './sessions.ts'
import { consumeToken, parseVerifyType, type Proof } from './verification.ts'

/** POST /verify — verifyOtp with token_hash+type or email+token+type; always answers with a session. */
export async function postVerify({ ctx, req, res, limiter }: RouteContext) {
  const meta = clientMeta(req)
  limiter.hit('tokenVerifications', meta.ip)
  const body = await readJson(req)
  const type = optString(body, 'type')
  const token = optString(body, 'token')
  const tokenHash = optString(body, 'token_hash')
  const email = optString(body, 'email')
  const phone = optString(body, 'phone')
  const bodyRedirect = optString(body, 'redirect_to')
  if (tokenHash && (email || phone || bodyRedirect || token)) {
    throw validationFailed('Only the token_hash and type should be provided')
  }
  const verifyType = parseVerifyType(type)
  let proof: Proof
  if (tokenHash) proof = { tokenHash }
  else if (!token) throw validationFailed('Verify requires either a token or a token hash')
  else if (phone) throw validationFailed('Unsupported phone provider')
  else if (!email) throw validationFailed('Only an email address or phone number should be provided on verify')
  else proof = { email: email.trim().toLowerCase(), token }

  const session = await ctx.sql.begin(async (tx) => {
    const { user } = await consumeToken(tx, verifyType, proof, ctx.config.auth.email.otpExpiry)
    return issueSession(ctx, tx, user.id, 'otp', meta)
  })
  sendJson(res, 200, session)
}

/** GoTrue's OAuth-style error name for an API error shown in a redirect. */
function oauthName(err: AuthError): string {
  if (err.status >= 500) return 'server_error'
  if (err.status === 403 || err.status === 429) return 'access_denied'
  return 'invalid_request'
}

function encodeSorted(values: Record<string, string>): string {
  const params = new URLSearchParams(values)
  params.sort()
  return params.toString()
}

/** GET /verify — the emailed link: 303 to redirect_to with tokens (implicit), ?code= (PKCE) or an error. */
export async function getVerify({ ctx, req, res, url, limiter }: RouteContext) {
  const meta = clientMeta(req)
  const target = new URL(resolveRedirect(query(url, 'redirect_to'), ctx.config.auth))
  const hash = query(url, 'token') ?? ''
  const pkce = hash.startsWith('pkce_')
  try {
    limiter.hit('tokenVerifications', meta.ip)
    const type = parseVerifyType(query(url, 'type'))
    if (!hash) throw validationFailed('Verify requires a token')
    const outcome = await ctx.sql.begin(async (tx) => {
      const verified = await consumeToken(tx, type, { tokenHash: hash }, ctx.config.auth.email.otpExpiry)
      if (verified.pkce) {
        const code = await issueAuthCode(tx, verified.user.id)
        if (!code) throw new AuthError(404, 'flow_state_not_found', 'No associated flow state found')
        return { kind: 'pkce' as const, code }
      }
      return { kind: 'implicit' as const, session: await issueSession(ctx, tx, verified.user.id, 'otp', meta), type }
    })
    if (outcome.kind === 'pkce') {
      target.searchParams.set('code', outcome.code)
      target.hash = ''
    } else {
      const s = outcome.session
      target.hash = encodeSorted({
        access_token: String(s.access_token),
        expires_at: String(s.expires_at),
        expires_in: String(s.expires_in),
        refresh_token: String(s.refresh_token),
        sb: '',
        token_type: 'bearer',
        type: outcome.type,
      })
    }
  } catch (e) {
    if (!(e instanceof AuthError)) throw e
    const error = { error: oauthName(e), error_code: e.code, error_description: e.message }
    target.hash = encodeSorted({ ...error, sb: '' })
    if (pkce) for (const [k, v] of Object.entries(error)) target.searchParams.set(k, v)
  }
  send(res, 303, undefined, { Location: target.toString() })
}
