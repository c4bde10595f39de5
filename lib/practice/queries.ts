import 'server-only'
import type { SupabaseClient } from '@supabase/supabase-js'
import type { Database } from '@/lib/database.types'
import { AppError } from '@/lib/errors'
import { PracticeRoleSchema, type PracticeRole } from './practice.schema'

export interface Membership {
  practiceId: string
  practiceName: string
  role: PracticeRole
}

type Client = SupabaseClient<Database>

/** Every practice the user belongs to, oldest membership first. RLS limits rows to the user's own. */
export async function listMemberships(supabase: Client, userId: string): Promise<Membership[]> {
  const { data, error } = await supabase
    .from('practice_members')
    .select('practice_id, role, created_at, practices(name)')
    .eq('user_id', userId)
    .order('created_at', { ascending: true })
  if (error) throw new AppError({ code: 'internal', message: 'We could not load your practices.', cause: error })
  return data.map((row) => ({
    practiceId: row.practice_id,
    practiceName: row.practices?.name ?? 'Your practice',
    // A check constraint in the migration keeps role within this set; parsing makes a drift loud.
    role: PracticeRoleSchema.parse(row.role),
  }))
}

/** The membership the dashboard acts in: the remembered one if still valid, else the first. */
export function pickActiveMembership(memberships: Membership[], rememberedId: string | undefined): Membership | null {
  return memberships.find((m) => m.practiceId === rememberedId) ?? memberships[0] ?? null
}
