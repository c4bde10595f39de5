import 'server-only'
import { billingRefusal } from '@/lib/billing/write-refusals'
import { AppError } from '@/lib/errors'
import { dbFailure, PG_ERROR, type Db } from '@/lib/server/db'
import type { InvitationRefusal } from './team.schema'

const REFUSALS: readonly InvitationRefusal[] = ['unknown', 'used', 'expired', 'wrong_account']

/** An invitation the signed-in person cannot accept, with the reason the database gave. */
export class InvitationRefused extends AppError {
  readonly reason: InvitationRefusal

  constructor(reason: InvitationRefusal) {
    super({ code: 'not_found', message: 'This invitation cannot be used.' })
    this.name = 'InvitationRefused'
    this.reason = reason
  }
}

export const isInvitationRefused = (error: unknown): error is InvitationRefused => error instanceof InvitationRefused

/** Joins the signed-in user to the inviting practice (accept_practice_invitation) and returns its id. */
export async function acceptInvitation(db: Db, token: string): Promise<string> {
  const { data, error } = await db.rpc('accept_practice_invitation', { token })
  if (error?.code === PG_ERROR.noDataFound) {
    const reason = REFUSALS.find((r) => r === error.hint) ?? 'unknown'
    throw new InvitationRefused(reason)
  }
  if (error) throw billingRefusal(error) ?? dbFailure('accept the invitation', error)
  return data
}
