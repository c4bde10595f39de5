import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/** The Supabase CLI's demo secrets, so the usual local `.env` values work unchanged. */
export const DEMO_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long'
export const DEMO_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0'
export const DEMO_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU'
export const DEMO_PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH'
export const DEMO_SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz'

export interface SigningKey {
  kid: string
  privateKey: CryptoKey
  publicKey: CryptoKey
  /** The public half as served by /auth/v1/.well-known/jwks.json. */
  publicJwk: JWK
}

export interface Keys {
  jwtSecret: string
  /** HMAC key for HS256 (anon/service_role keys, signed storage URLs). */
  hmacKey: Uint8Array
  anonKey: string
  serviceRoleKey: string
  publishableKey: string
  secretKey: string
  /** User access tokens are ES256 with a kid, as the current CLI issues them. */
  signing: SigningKey
}

async function toSigningKey(privateJwk: JWK): Promise<SigningKey> {
  const { d: _d, ...pub } = privateJwk
  const privateKey = (await importJWK(privateJwk, 'ES256')) as CryptoKey
  const publicKey = (await importJWK({ ...pub, alg: 'ES256' }, 'ES256')) as CryptoKey
  return {
    kid: privateJwk.kid!,
    privateKey,
    publicKey,
    publicJwk: { ...pub, use: 'sig', key_ops: ['verify'], alg: 'ES256' },
  }
}

/**
 * Loads the ES256 signing key from `file` (creating it on first use) so that sessions
 * survive restarts of `npm run dev`; without a file a fresh key is made for this run.
 */
export async function loadKeys(file?: string): Promise<Keys> {
  let privateJwk: JWK
  if (file && existsSync(file)) {
    privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK
  } else {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true })
    privateJwk = { ...(await exportJWK(privateKey)), kid: crypto.randomUUID(), alg: 'ES256' }
    if (file) {
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 })
    }
  }
  return {
    jwtSecret: DEMO_JWT_SECRET,
    hmacKey: new TextEncoder().encode(DEMO_JWT_SECRET),
    anonKey: DEMO_ANON_KEY,
    serviceRoleKey: DEMO_SERVICE_ROLE_KEY,
    publishableKey: DEMO_PUBLISHABLE_KEY,
    secretKey: DEMO_SECRET_KEY,
    signing: await toSigningKey(privateJwk),
  }
}
