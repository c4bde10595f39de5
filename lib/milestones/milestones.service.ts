import 'server-only'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { parseOrFieldErrors } from '@/lib/server/field-errors'
import { DeleteMilestoneSchema, SaveMilestoneSchema, SetMilestoneDoneSchema, SetMilestoneSharedSchema } from './milestone.schema'

/*
 * Every write names the practice as well as the row: RLS is the guard, and a row of another
 * practice (or one that is gone) is the same `not_found`. Any member of the practice may change
 * her clients' milestones; the policies allow nothing more.
 */

/** Adds a milestone to a journey, or (with `milestoneId`) changes its title, date, kind and sharing. */
export async function saveMilestone(db: Db, practiceId: string, input: unknown): Promise<{ milestoneId: string }> {
  const m = parseOrFieldErrors(SaveMilestoneSchema, input)
  const fields = { title: m.title, due_on: m.dueOn, kind: m.kind, shared_with_client: m.sharedWithClient }
  if (m.milestoneId) {
    const { data, error } = await db
      .from('milestones')
      .update(fields)
      .eq('practice_id', practiceId)
      .eq('journey_id', m.journeyId)
      .eq('id', m.milestoneId)
      .select('id')
    if (error) throw dbFailure('save the milestone', error)
    if (data.length === 0) throw notFound('milestone')
    return { milestoneId: m.milestoneId }
  }
  const { data: journey, error: journeyError } = await db
    .from('journeys')
    .select('id, client_id')
    .eq('practice_id', practiceId)
    .eq('id', m.journeyId)
    .maybeSingle()
  if (journeyError) throw dbFailure('load the journey', journeyError)
  if (!journey) throw notFound('journey')
  const { data, error } = await db
    .from('milestones')
    .insert({ practice_id: practiceId, client_id: journey.client_id, journey_id: journey.id, ...fields })
    .select('id')
    .single()
  if (error) throw dbFailure('add the milestone', error)
  return { milestoneId: data.id }
}

async function updateOne(db: Db, practiceId: string, milestoneId: string, change: { done_at?: string | null; shared_with_client?: boolean }, what: string) {
  const { data, error } = await db.from('milestones').update(change).eq('practice_id', practiceId).eq('id', milestoneId).select('id')
  if (error) throw dbFailure(what, error)
  if (data.length === 0) throw notFound('milestone')
}

/** Marks a milestone done now, or not done. */
export async function setMilestoneDone(db: Db, practiceId: string, input: unknown): Promise<void> {
  const { milestoneId, done } = parseOrFieldErrors(SetMilestoneDoneSchema, input)
  await updateOne(db, practiceId, milestoneId, { done_at: done ? new Date().toISOString() : null }, 'update the milestone')
}

/** Shows the milestone in her portal, or hides it again (the select policy decides what she reads). */
export async function setMilestoneShared(db: Db, practiceId: string, input: unknown): Promise<void> {
  const { milestoneId, shared } = parseOrFieldErrors(SetMilestoneSharedSchema, input)
  await updateOne(db, practiceId, milestoneId, { shared_with_client: shared }, 'change who sees the milestone')
}

export async function deleteMilestone(db: Db, practiceId: string, input: unknown): Promise<void> {
  const { milestoneId } = parseOrFieldErrors(DeleteMilestoneSchema, input)
  const { data, error } = await db.from('milestones').delete().eq('practice_id', practiceId).eq('id', milestoneId).select('id')
  if (error) throw dbFailure('delete the milestone', error)
  if (data.length === 0) throw notFound('milestone')
}
