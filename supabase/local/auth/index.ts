import postgres from 'postgres'
import { sendJson } from '../http.ts'
import { Router } from '../router.ts'
import type { LocalContext, Service } from '../types.ts'
import { adminGenerateLink, postInvite } from './admin-links.ts'
import { adminCreateUser, adminDeleteUser, adminGetUser, adminListUsers, adminUpdateUser } from './admin-users.ts'
import { AuthError, internal, OAuthError, sendAuthError } from './errors.ts'
import { postOtp } from './otp.ts'
import { IpRateLimiter } from './rate-limit.ts'
import type { Handler, RouteContext } from './route.ts'
import { ensureAuthSchema } from './schema.ts'
import { postSignup } from './signup.ts'
import { postToken } from './token.ts'
import { getUser, postLogout, putUser } from './user.ts'
import { getVerify, postVerify } from './verify.ts'

/** GET /.well-known/jwks.json — the ES256 public key only (never the HMAC secret). */
const getJwks: Handler = async ({ ctx, res }) => {
  sendJson(res, 200, { keys: [ctx.keys.signing.publicJwk] }, { 'Cache-Control': 'public, max-age=600' })
}

/** GET /settings — which providers are on and whether signups confirm themselves. */
const getSettings: Handler = async ({ ctx, res }) => {
  const auth = ctx.config.auth
  sendJson(res, 200, {
    external: { email: auth.email.enableSignup, phone: false, anonymous_users: false },
    disable_signup: !auth.enableSignup,
    mailer_autoconfirm: !auth.email.enableConfirmations,
    phone_autoconfirm: false,
    sms_provider: '',
    saml_enabled: false,
  })
}

const getHealth: Handler = async ({ res }) => {
  sendJson(res, 200, { version: 'local', name: 'GoTrue', description: 'GoTrue subset served by the local stand-in' })
}

const ROUTES = new Router<Handler>({ ignoreTrailingSlash: true })
  .on('GET', '/health', getHealth)
  .on('GET', '/settings', getSettings)
  .on('GET', '/.well-known/jwks.json', getJwks)
  .on('POST', '/signup', postSignup)
  .on('POST', '/otp', postOtp)
  .on('POST', '/magiclink', postOtp)
  .on('POST', '/verify', postVerify)
  .on('GET', '/verify', getVerify)
  .on('POST', '/token', postToken)
  .on('GET', '/user', getUser)
  .on('PUT', '/user', putUser)
  .on('POST', '/logout', postLogout)
  .on('POST', '/invite', postInvite)
  .on('POST', '/admin/generate_link', adminGenerateLink)
  .on('GET', '/admin/users', adminListUsers)
  .on('POST', '/admin/users', adminCreateUser)
  .on('GET', '/admin/users/:id', adminGetUser)
  .on('PUT', '/admin/users/:id', adminUpdateUser)
  .on('DELETE', '/admin/users/:id', adminDeleteUser)

/** The role GoTrue logs in as on the platform (password as the platform schema sets it locally). */
const AUTH_ROLE = { user: 'supabase_auth_admin', password: 'postgres' }

function asRole(url: string, role: { user: string; password: string }): string {
  const u = new URL(url)
  u.username = role.user
  u.password = role.password
  return u.toString()
}

/**
 * The GoTrue subset behind `/auth/v1` (contract §3, §4, §8). All state lives in the `auth` schema,
 * so sessions and tokens survive restarts of a persistent stack; IP rate-limit windows are in memory.
 * `ctx.config` is read on every request, so changing it at runtime takes effect immediately.
 */
export async function createAuthService(local: LocalContext): Promise<Service> {
  await ensureAuthSchema(local.sql)
  // GoTrue connects as supabase_auth_admin, not as a superuser: a trigger on auth.users that writes
  // where that role has no grant fails here as it would on the platform.
  const ctx: LocalContext = { ...local, sql: postgres(asRole(local.urls.db, AUTH_ROLE), { max: 5, onnotice: () => {} }) }
  const limiter = new IpRateLimiter(() => ctx.config.auth.rateLimit)
  return {
    async close() {
      await ctx.sql.end({ timeout: 1 })
    },
    async handle(req, res, path, url) {
      const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET')
      const route = ROUTES.match(method, path)
      try {
        if (!route.found) {
          throw route.status === 405 ? new AuthError(405, 'unknown', 'Method Not Allowed') : new AuthError(404, 'unknown', 'Not Found')
        }
        const rc: RouteContext = { ctx, req, res, url, limiter, params: route.params }
        await route.handler(rc)
      } catch (e) {
        if (e instanceof AuthError || e instanceof OAuthError) {
          sendAuthError(req, res, e)
          return
        }
        ctx.log(`auth: ${req.method} ${path} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
        sendAuthError(req, res, internal('Unexpected failure, please check server logs for more information'))
      }
    },
  }
}
