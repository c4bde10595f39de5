import 'server-only'
import { dbFailure, type Db } from '@/lib/practice/db'
import { PracticeRoleSchema, type PracticeRole } from '@/lib/practice/practice.schema'

export interface Member {
  userId: string
  name: string
  email: string
  role: PracticeRole
}

/** The practice's members with their display names, owners first, then by name. */
export async function listMembers(db: Db, practiceId: string): Promise<Member[]> {
  const [members, profiles] = await Promise.all([
    db.from('practice_members').select('user_id, role').eq('practice_id', practiceId),
    db.from('profiles').select('id, full_name, email'),
  ])
  if (members.error) throw dbFailure('load the team', members.error)
  if (profiles.error) throw dbFailure('load the team', profiles.error)
  const byId = new Map(profiles.data.map((p) => [p.id, p]))
  const rank: Record<PracticeRole, number> = { owner: 0, admin: 1, doula: 2 }
  return members.data
    .map((m) => {
      const profile = byId.get(m.user_id)
      const email = profile?.email ?? ''
      return { userId: m.user_id, name: profile?.full_name || email || 'Team member', email, role: PracticeRoleSchema.parse(m.role) }
    })
    .sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name))
}

/** True when every given id (nulls ignored) belongs to a member of the practice. */
export function areMembers(members: Member[], ids: (string | null)[]): boolean {
  const known = new Set(members.map((m) => m.userId))
  return ids.every((id) => id === null || known.has(id))
}
