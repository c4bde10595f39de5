import 'server-only'
import type { Db } from '@/lib/server/db'
import { AppError } from '@/lib/errors'
import { MANAGER_ROLES, requireMemberOf, type PracticeActor } from '@/lib/server/membership'
import { isFreshSignIn } from './fresh-sign-in.ts'

/** Who confirmed an erasure: the acting member, recorded on the job and sent its receipt. */
export type Eraser = PracticeActor

/** Account deletion: the owner, who typed the practice name and signed in within five minutes. */
export async function requireAccountEraser(
  userClient: Db,
  practiceId: string,
  typedName: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Eraser> {
  const { actor: eraser, claims } = await requireMemberOf(userClient, practiceId, ['owner'])
  if (typedName.trim() !== eraser.practiceName.trim()) {
    throw new AppError({ code: 'validation', message: 'The name you typed does not match the practice name.' })
  }
  if (!isFreshSignIn(claims, nowSeconds)) {
    throw new AppError({
      code: 'unauthorized',
      message: 'For your protection, confirm with a fresh sign-in link first (valid for 5 minutes).',
    })
  }
  return eraser
}

/** Client deletion: an owner or admin, who typed the client's full name. */
export async function requireClientEraser(
  userClient: Db,
  practiceId: string,
  clientId: string,
  typedName: string,
): Promise<Eraser> {
  const { actor: eraser } = await requireMemberOf(userClient, practiceId, MANAGER_ROLES)
  const { data, error } = await userClient
    .from('clients')
    .select('first_name, last_name')
    .eq('practice_id', practiceId)
    .eq('id', clientId)
    .maybeSingle()
  if (error) throw new AppError({ code: 'internal', message: 'We could not load the client.', cause: error })
  if (!data) throw new AppError({ code: 'not_found', message: 'No such client in this practice.' })
  const fullName = `${String(data.first_name)} ${String(data.last_name)}`.trim()
  if (typedName.trim() !== fullName) {
    throw new AppError({ code: 'validation', message: "The name you typed does not match the client's name." })
  }
  return eraser
}
