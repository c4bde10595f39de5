import { AppError } from '@/lib/errors'
import type { PracticeRole } from '@/lib/practice/practice.schema'

/** Who acts on billing: the action client's membership plus the verified user. */
export interface BillingActor {
  practiceId: string
  practiceName: string
  role: PracticeRole
  userId: string
  email: string | null
}

/** Billing belongs to the owner alone: admins and doulas can neither see nor change it. */
export function requireBillingOwner(actor: BillingActor): void {
  if (actor.role !== 'owner') {
    throw new AppError({ code: 'forbidden', message: 'Only the practice owner can manage billing.' })
  }
}
