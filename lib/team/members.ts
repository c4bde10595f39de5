import 'server-only'
import type { PostgrestError } from '@supabase/supabase-js'
import { AppError } from '@/lib/errors'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import type { PracticeRole } from '@/lib/practice/practice.schema'
import { assertRole, MANAGER_ROLES, type PracticeActor } from '@/lib/server/membership'
import { TEAM_MANAGERS_ONLY } from './team.schema'

export const LAST_OWNER_MESSAGE = 'A practice must keep at least one owner. Make someone else an owner first.'

/** The guard trigger on practice_members raises this when the last owner would go. */
const isLastOwnerError = (error: PostgrestError) => error.code === PG_ERROR.insufficientPrivilege && error.message.includes('at least one owner')

async function loadMember(db: Db, actor: PracticeActor, userId: string): Promise<{ role: PracticeRole }> {
  const { data, error } = await db
    .from('practice_members')
    .select('role')
    .eq('practice_id', actor.practiceId)
    .eq('user_id', userId)
    .maybeSingle()
  if (error) throw dbFailure('load the team member', error)
  if (!data) throw notFound('team member')
  return { role: data.role as PracticeRole }
}

/** Admins manage admins and doulas; only an owner can make or unmake an owner (RLS says the same). */
function requireOwnerFor(actor: PracticeActor, roles: PracticeRole[]): void {
  if (roles.includes('owner') && actor.role !== 'owner') {
    throw new AppError({
      code: 'forbidden',
      message: 'Only an owner can change an owner or make someone an owner.',
    })
  }
}

function writeFailure(what: string, error: PostgrestError): AppError {
  if (isLastOwnerError(error))
    return new AppError({
      code: 'conflict',
      message: LAST_OWNER_MESSAGE,
      cause: error,
    })
  return dbFailure(what, error)
}

export async function changeMemberRole(db: Db, actor: PracticeActor, userId: string, role: PracticeRole): Promise<void> {
  assertRole(actor, MANAGER_ROLES, TEAM_MANAGERS_ONLY)
  const member = await loadMember(db, actor, userId)
  requireOwnerFor(actor, [member.role, role])
  if (member.role === role) return
  const { data, error } = await db
    .from('practice_members')
    .update({ role })
    .eq('practice_id', actor.practiceId)
    .eq('user_id', userId)
    .select('id')
  if (error) throw writeFailure('change the role', error)
  if (data.length !== 1) throw notFound('team member')
}

/**
 * Removes her from the practice. Her journey and appointment assignments are cleared by the
 * composite FKs (on delete set null); RLS decides every request, so her very next one sees nothing.
 */
export async function removeMember(db: Db, actor: PracticeActor, userId: string): Promise<void> {
  assertRole(actor, MANAGER_ROLES, TEAM_MANAGERS_ONLY)
  const member = await loadMember(db, actor, userId)
  requireOwnerFor(actor, [member.role])
  const { data, error } = await db.from('practice_members').delete().eq('practice_id', actor.practiceId).eq('user_id', userId).select('id')
  if (error) throw writeFailure('remove the team member', error)
  if (data.length !== 1) throw notFound('team member')
}
