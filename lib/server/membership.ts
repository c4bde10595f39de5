import 'server-only'
import { AppError } from '@/lib/errors'
import { PracticeRoleSchema, type PracticeRole } from '@/lib/practice/practice.schema'
import { PRACTICE_SETTINGS_COLUMNS, toPracticeSettings, type PracticeSettings } from '@/lib/practice/settings'
import { dbFailure, type Db } from './db'
import type { SessionUser } from './session'

/** A practice the user belongs to, with her role in it. */
export interface Membership {
  practiceId: string
  practiceName: string
  role: PracticeRole
  /** Fetched with the membership so a page's own queries need not wait for a second round. */
  settings: PracticeSettings
}

/** Who is acting, in which practice and with which role: what services that check roles take. */
export interface PracticeActor {
  userId: string
  email: string | null
  practiceId: string
  practiceName: string
  role: PracticeRole
}

/** The roles that manage the practice: its team, settings, exports and deletions. */
export const MANAGER_ROLES = ['owner', 'admin'] as const satisfies readonly PracticeRole[]

const MANAGERS_ONLY = 'Only the practice owner or an admin can do this.'

/**
 * The user's memberships (or her membership of `practiceId`), oldest first, each with its
 * practice's settings. RLS limits rows to her own; a membership whose practice she cannot read is
 * no use to her and is left out. The one place a membership is looked up.
 */
export async function listMemberships(db: Db, userId: string, practiceId?: string): Promise<Membership[]> {
  let query = db
    .from('practice_members')
    .select(`practice_id, role, created_at, practices(${PRACTICE_SETTINGS_COLUMNS})`)
    .eq('user_id', userId)
  if (practiceId) query = query.eq('practice_id', practiceId)
  const { data, error } = await query.order('created_at', { ascending: true })
  if (error) throw dbFailure('load your practices', error)
  return data.flatMap(({ practice_id, role, practices }) =>
    practices
      ? [
          {
            practiceId: practice_id,
            practiceName: practices.name,
            // A check constraint in the migration keeps role within this set; parsing makes a drift loud.
            role: PracticeRoleSchema.parse(role),
            settings: toPracticeSettings(practices),
          },
        ]
      : [],
  )
}

/** The membership the dashboard acts in: the remembered one if still valid, else the first. */
export function pickActiveMembership(memberships: Membership[], rememberedId: string | undefined): Membership | null {
  return memberships.find((m) => m.practiceId === rememberedId) ?? memberships[0] ?? null
}

export const actorOf = (user: Pick<SessionUser, 'id' | 'email'>, membership: Membership): PracticeActor => ({
  userId: user.id,
  email: user.email,
  practiceId: membership.practiceId,
  practiceName: membership.practiceName,
  role: membership.role,
})

export const hasRole = (role: PracticeRole, roles: readonly PracticeRole[]): boolean => roles.includes(role)

/**
 * Refuses a member without one of `roles`. RLS refuses her writes anyway, but silently (zero rows);
 * checking first gives her a clear `forbidden` instead of a misleading `not_found`.
 */
export function assertRole(member: { role: PracticeRole }, roles: readonly PracticeRole[], message = MANAGERS_ONLY): void {
  if (!hasRole(member.role, roles)) throw new AppError({ code: 'forbidden', message })
}

/** JWT claims as Supabase Auth verified them. */
export type VerifiedClaims = Record<string, unknown> & { sub: string }

/**
 * For work that names its practice (exports, erasure): the caller from `db`'s verified claims and
 * her membership of `practiceId` with one of `roles`. Someone of another practice sees no
 * membership at all and is refused exactly like a member without the role.
 */
export async function requireMemberOf(
  db: Db,
  practiceId: string,
  roles: readonly PracticeRole[],
  message = MANAGERS_ONLY,
): Promise<{ actor: PracticeActor; claims: VerifiedClaims }> {
  const { data, error } = await db.auth.getClaims()
  if (error || !data || typeof data.claims.sub !== 'string') {
    throw new AppError({ code: 'unauthorized', message: 'Please sign in to continue.', cause: error })
  }
  const claims: VerifiedClaims = { ...data.claims, sub: data.claims.sub }
  const [membership] = await listMemberships(db, claims.sub, practiceId)
  if (!membership) throw new AppError({ code: 'forbidden', message })
  assertRole(membership, roles, message)
  const email = typeof claims.email === 'string' ? claims.email : null
  return { actor: actorOf({ id: claims.sub, email }, membership), claims }
}
