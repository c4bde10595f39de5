import 'server-only'
import { dbFailure, type Db } from '@/lib/server/db'
import { PracticeRoleSchema, type PracticeRole } from './practice.schema'
import { PRACTICE_SETTINGS_COLUMNS, toPracticeSettings, type PracticeSettings } from './settings'

export interface Membership {
  practiceId: string
  practiceName: string
  role: PracticeRole
  /** Fetched with the membership so a page's own queries need not wait for a second round. */
  settings: PracticeSettings
}

/**
 * Every practice the user belongs to, oldest membership first, each with its settings. RLS limits
 * rows to the user's own; a membership whose practice she cannot read is no use to her and is left out.
 */
export async function listMemberships(db: Db, userId: string): Promise<Membership[]> {
  const { data, error } = await db
    .from('practice_members')
    .select(`practice_id, role, created_at, practices(${PRACTICE_SETTINGS_COLUMNS})`)
    .eq('user_id', userId)
    .order('created_at', { ascending: true })
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
