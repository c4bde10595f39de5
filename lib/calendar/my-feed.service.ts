import 'server-only'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import { parseOrFieldErrors } from '@/lib/server/field-errors'
import { FeedOptionsSchema } from './feed.schema'
import { newFeedToken } from './feed-token'

export interface MyFeed {
  id: string
  private: boolean
  createdAt: string
}

/** The signed-in member's live feed in this practice, if she has one. RLS shows her nobody else's. */
export async function getMyFeed(db: Db, practiceId: string, memberId: string): Promise<MyFeed | null> {
  const { data, error } = await db
    .from('calendar_feeds')
    .select('id, private, created_at')
    .eq('practice_id', practiceId)
    .eq('member_id', memberId)
    .is('revoked_at', null)
    .maybeSingle()
  if (error) throw dbFailure('load your calendar feed', error)
  return data ? { id: data.id, private: data.private, createdAt: data.created_at } : null
}

/** Revokes her live feed, if any: its URL answers 404 from now on. */
export async function revokeMyFeed(db: Db, practiceId: string, memberId: string): Promise<void> {
  const { error } = await db
    .from('calendar_feeds')
    .update({ revoked_at: new Date().toISOString() })
    .eq('practice_id', practiceId)
    .eq('member_id', memberId)
    .is('revoked_at', null)
  if (error) throw dbFailure('revoke your calendar feed', error)
}

/**
 * Creates her feed, revoking the previous one (regenerate). The token is returned once, for the URL;
 * only its hash is stored, so it can never be shown again.
 */
export async function createMyFeed(db: Db, practiceId: string, memberId: string, input: unknown): Promise<{ token: string }> {
  const options = parseOrFieldErrors(FeedOptionsSchema, input)
  await revokeMyFeed(db, practiceId, memberId)
  const { token, hash } = newFeedToken()
  const { error } = await db.from('calendar_feeds').insert({ practice_id: practiceId, member_id: memberId, token_hash: hash, private: options.private })
  // Not a member of that practice: the policy refuses, which is the same answer as a missing practice.
  if (error?.code === PG_ERROR.insufficientPrivilege || error?.code === PG_ERROR.foreignKeyViolation) throw notFound('practice')
  if (error) throw dbFailure('create your calendar feed', error)
  return { token }
}

/** Private feeds name no client; the change applies on the calendar app's next refresh. */
export async function setMyFeedPrivate(db: Db, practiceId: string, memberId: string, input: unknown): Promise<void> {
  const options = parseOrFieldErrors(FeedOptionsSchema, input)
  const { data, error } = await db
    .from('calendar_feeds')
    .update({ private: options.private })
    .eq('practice_id', practiceId)
    .eq('member_id', memberId)
    .is('revoked_at', null)
    .select('id')
  if (error) throw dbFailure('update your calendar feed', error)
  if (data.length === 0) throw notFound('calendar feed')
}
