import 'server-only'
import type { Db } from '@/lib/server/db'
import { z } from 'zod'
import { AppError } from '@/lib/errors'

export interface Eraser {
  userId: string
  email: string | null
  role: 'owner' | 'admin'
  practiceName: string
}

const MemberRowSchema = z.object({
  role: z.enum(['owner', 'admin', 'doula']),
  practices: z.object({ name: z.string() }).nullable(),
})

const refused = () => new AppError({ code: 'forbidden', message: 'Only the practice owner or an admin can do this.' })

/**
 * The caller, from verified claims, and her role in the practice as RLS lets her see it. Someone
 * of another practice sees no membership row at all and is refused the same way.
 */
export async function requirePracticeRole(userClient: Db, practiceId: string, roles: readonly Eraser['role'][]) {
  const { data, error } = await userClient.auth.getClaims()
  if (error || !data || typeof data.claims.sub !== 'string') {
    throw new AppError({ code: 'unauthorized', message: 'Please sign in to continue.', cause: error })
  }
  const claims = data.claims as Record<string, unknown> & { sub: string }
  const { data: row, error: memberError } = await userClient
    .from('practice_members')
    .select('role, practices(name)')
    .eq('practice_id', practiceId)
    .eq('user_id', claims.sub)
    .maybeSingle()
  if (memberError) throw new AppError({ code: 'internal', message: 'We could not check your role.', cause: memberError })
  const member = row ? MemberRowSchema.parse(row) : null
  if (!member || member.role === 'doula' || !roles.includes(member.role)) throw refused()
  const eraser: Eraser = {
    userId: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : null,
    role: member.role,
    practiceName: member.practices?.name ?? '',
  }
  return { eraser, claims }
}
