import { errors, jwtVerify } from 'jose'
import { signHs256 } from '../jwt.ts'
import type { Keys } from '../keys.ts'
import { storageErrors } from './errors.ts'

/** Hosted Storage issues signed upload URLs valid for two hours. */
export const UPLOAD_URL_TTL_S = 2 * 60 * 60

export type SignedScope = 'download' | 'upload'

export interface SignedClaims {
  url: string
  exp?: number
  scope?: SignedScope
  owner?: string
  upsert?: boolean
}

export async function signUrlToken(claims: SignedClaims, expiresIn: number, keys: Keys): Promise<string> {
  const iat = Math.floor(Date.now() / 1000)
  return signHs256({ ...claims, iat, exp: iat + expiresIn }, keys)
}

/**
 * Verifies a signed-URL token as Storage does: HS256 with the JWT secret and no clock
 * tolerance (a 1 s URL really expires after 1 s), the right scope, and the exact
 * `<bucket>/<key>` it was issued for.
 */
export async function verifyUrlToken(token: string, scope: SignedScope, url: string, keys: Keys): Promise<SignedClaims> {
  let payload: Record<string, unknown>
  try {
    ;({ payload } = await jwtVerify(token, keys.hmacKey, { algorithms: ['HS256'] }))
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw storageErrors.expiredToken()
    throw storageErrors.invalidJwt(err instanceof Error ? err.message : undefined)
  }
  const claimed = payload.scope
  // Tokens from before scopes existed carry neither scope nor upsert and are download tokens.
  const legacyDownload = claimed === undefined && payload.upsert === undefined && scope === 'download'
  if (claimed !== scope && !legacyDownload) throw storageErrors.invalidSignature('Invalid token scope')
  if (payload.url !== url) throw storageErrors.invalidSignature()
  return {
    url,
    scope,
    owner: typeof payload.owner === 'string' ? payload.owner : undefined,
    upsert: payload.upsert === true,
    exp: typeof payload.exp === 'number' ? payload.exp : undefined,
  }
}
