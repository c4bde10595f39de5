import 'server-only'
import { dbFailure, type Db } from '@/lib/server/db'
import { PORTAL_INVITATION_REFUSALS, type PortalInvitationRefusal } from './invitation.schema'

/**
 * Links the signed-in person's login to the client record she was invited to (the database checks
 * the token, that it is open, and that her verified email is the invited one). Refusals come back
 * as a reason the accept page words; anything else is a failure.
 */
export async function acceptPortalInvitation(db: Db, token: string): Promise<{ practiceId: string } | { refused: PortalInvitationRefusal }> {
  const { data, error } = await db.rpc('accept_portal_invitation', { token })
  if (error?.code === 'P0002') {
    return { refused: PORTAL_INVITATION_REFUSALS.find((r) => r === error.hint) ?? 'unknown' }
  }
  if (error) throw dbFailure('accept the invitation', error)
  return { practiceId: data }
}
