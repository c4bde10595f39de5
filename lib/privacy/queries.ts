import 'server-only'
import { AppError } from '@/lib/errors'
import { createAdminClient } from '@/lib/supabase/admin'
import { createClient } from '@/lib/supabase/server'
import { ErasureInventorySchema, type ErasureInventory } from './deletion/erasure.schema'
import { isFreshSignIn } from './deletion/fresh-sign-in'

/**
 * What deleting the practice would destroy, counted now. Service role: call only after checking
 * that the viewer owns the practice (the danger zone page does).
 */
export async function getErasurePreview(practiceId: string): Promise<ErasureInventory> {
  const { data, error } = await createAdminClient().rpc('erasure_inventory', { target_practice: practiceId })
  if (error) throw new AppError({ code: 'internal', message: 'We could not count what would be deleted.', cause: error })
  return ErasureInventorySchema.parse(data)
}

/** Whether the signed-in session began with a sign-in in the last five minutes (verified claims). */
export async function hasFreshSignIn(): Promise<boolean> {
  const { data, error } = await (await createClient()).auth.getClaims()
  if (error || !data) return false
  return isFreshSignIn(data.claims as Record<string, unknown>, Math.floor(Date.now() / 1000))
}
