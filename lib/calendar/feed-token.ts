import { createHash, randomBytes } from 'node:crypto'

/** 32 random bytes, base64url: the secret part of a feed URL. */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/

export const hashFeedToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** A new feed token and the hash that is stored in its place. */
export function newFeedToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashFeedToken(token) }
}
