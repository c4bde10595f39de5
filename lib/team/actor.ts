import { AppError } from '@/lib/errors'
import type { PracticeRole } from '@/lib/practice/practice.schema'

/** Who is acting on the team, in which practice: the action client's membership plus the user id. */
export interface TeamActor {
  practiceId: string
  practiceName: string
  role: PracticeRole
  userId: string
}

export const canManageTeam = (role: PracticeRole): boolean => role === 'owner' || role === 'admin'

/**
 * RLS already refuses a doula's writes, but silently (zero rows); checking first gives her a clear
 * `forbidden` instead of a misleading `not_found`.
 */
export function requireTeamManager(actor: TeamActor): void {
  if (!canManageTeam(actor.role)) {
    throw new AppError({
      code: 'forbidden',
      message: 'Only owners and admins can manage the team.',
    })
  }
}
