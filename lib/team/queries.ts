import 'server-only'
import { dbFailure, type Db } from '@/lib/server/db'
import { PracticeRoleSchema, type PracticeRole } from '@/lib/practice/practice.schema'

export interface Member {
  userId: string
  name: string
  email: string
  role: PracticeRole
}

export interface PendingInvitation {
  id: string
  email: string
  role: 'admin' | 'doula'
  expiresAt: string
  createdAt: string
}

const RANK: Record<PracticeRole, number> = { owner: 0, admin: 1, doula: 2 }

/** The practice's members with their display names, owners first, then by name. */
export async function listMembers(db: Db, practiceId: string): Promise<Member[]> {
  const { data, error } = await db.rpc('list_practice_team', { p_practice_id: practiceId })
  if (error) throw dbFailure('load the team', error)
  return data
    .map((m) => {
      // A membership without a profile gives nulls here (left join); the generated type cannot say so.
      const email = m.email ?? ''
      return { userId: m.user_id, name: m.full_name || email || 'Team member', email, role: PracticeRoleSchema.parse(m.role) }
    })
    .sort((a, b) => RANK[a.role] - RANK[b.role] || a.name.localeCompare(b.name))
}

/** True when every given id (nulls ignored) belongs to a member of the practice. */
export function areMembers(members: Member[], ids: (string | null)[]): boolean {
  const known = new Set(members.map((m) => m.userId))
  return ids.every((id) => id === null || known.has(id))
}

/**
 * Invitations not yet accepted, newest first, expired ones included (the page offers to resend
 * them). RLS shows them to owners and admins only: anyone else gets an empty list.
 */
export async function listPendingInvitations(db: Db, practiceId: string): Promise<PendingInvitation[]> {
  const { data, error } = await db
    .from('practice_invitations')
    .select('id, email, role, expires_at, created_at')
    .eq('practice_id', practiceId)
    .is('accepted_at', null)
    .order('created_at', { ascending: false })
  if (error) throw dbFailure('load the invitations', error)
  return data.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role === 'admin' ? 'admin' : 'doula',
    expiresAt: i.expires_at,
    createdAt: i.created_at,
  }))
}
