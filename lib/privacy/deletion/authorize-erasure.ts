import type { SupabaseClient } from '@supabase/supabase-js'
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { isFreshSignIn } from './fresh-sign-in.ts'

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
async function requireRole(userClient: SupabaseClient, practiceId: string, roles: readonly Eraser['role'][]) {
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

/** Account deletion: the owner, who typed the practice name and signed in within five minutes. */
export async function requireAccountEraser(
  userClient: SupabaseClient,
  practiceId: string,
  typedName: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Eraser> {
  const { eraser, claims } = await requireRole(userClient, practiceId, ['owner'])
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
  userClient: SupabaseClient,
  practiceId: string,
  clientId: string,
  typedName: string,
): Promise<Eraser> {
  const { eraser } = await requireRole(userClient, practiceId, ['owner', 'admin'])
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
