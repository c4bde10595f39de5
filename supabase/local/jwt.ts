import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose'
import type { Keys } from './keys.ts'

export type JwtFailure = 'malformed' | 'signature' | 'expired' | 'claims'

export class JwtError extends Error {
  constructor(
    readonly reason: JwtFailure,
    message: string,
  ) {
    super(message)
  }
}

/** Clock skew PostgREST allows on exp/nbf/iat. */
const CLOCK_TOLERANCE_S = 30

/**
 * Verifies a token as PostgREST and Storage do: the ES256 user key when the header names its
 * kid, else HS256 with the JWT secret. Messages follow PostgREST's wording.
 */
export async function verifyJwt(token: string, keys: Keys): Promise<JWTPayload & Record<string, unknown>> {
  const parts = token.split('.')
  if (parts.length !== 3) throw new JwtError('malformed', `Expected 3 parts in JWT; got ${parts.length}`)
  let header: { alg?: string; kid?: string }
  try {
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as { alg?: string; kid?: string }
  } catch {
    throw new JwtError('malformed', 'JWT cryptographic operation failed')
  }
  try {
    if (header.kid !== undefined || header.alg === 'ES256') {
      if (header.kid !== keys.signing.kid) throw new JwtError('signature', 'No suitable key or wrong key type')
      const { payload } = await jwtVerify(token, keys.signing.publicKey, {
        algorithms: ['ES256'],
        clockTolerance: CLOCK_TOLERANCE_S,
      })
      return payload as JWTPayload & Record<string, unknown>
    }
    const { payload } = await jwtVerify(token, keys.hmacKey, { algorithms: ['HS256'], clockTolerance: CLOCK_TOLERANCE_S })
    return payload as JWTPayload & Record<string, unknown>
  } catch (e) {
    if (e instanceof JwtError) throw e
    if (e instanceof errors.JWTExpired) throw new JwtError('expired', 'JWT expired')
    if (e instanceof errors.JWTClaimValidationFailed) throw new JwtError('claims', e.message)
    throw new JwtError('signature', 'JWT cryptographic operation failed')
  }
}

/** Signs a user access token with the ES256 key, kid in the header, as the CLI's GoTrue does. */
export async function signUserToken(claims: Record<string, unknown>, keys: Keys): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: keys.signing.kid, typ: 'JWT' })
    .sign(keys.signing.privateKey)
}

/** HS256 with the JWT secret: signed storage URLs and test fixtures. */
export async function signHs256(claims: Record<string, unknown>, keys: Keys): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keys.hmacKey)
}
