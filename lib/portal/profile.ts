import type { SupabaseClient } from '@supabase/supabase-js'
import { z } from 'zod'
import { AppError } from '@/lib/errors'

/** The contact details she may change herself (the database's guard_portal_columns list). */
export const ContactDetailsSchema = z.object({
  preferredName: z.string().trim().max(100, 'Keep it under 100 characters.'),
  pronouns: z.string().trim().max(40, 'Keep it under 40 characters.'),
  phone: z
    .string()
    .trim()
    .max(40, 'That phone number is too long.')
    .regex(/^[0-9+()\-.\s]*$/, 'Use digits, spaces and + ( ) - only.'),
})
export type ContactDetails = z.infer<typeof ContactDetailsSchema>

export async function updateContactDetails(db: SupabaseClient, clientId: string, details: ContactDetails): Promise<void> {
  const { data, error } = await db
    .from('clients')
    .update({ preferred_name: details.preferredName || null, pronouns: details.pronouns || null, phone: details.phone || null })
    .eq('id', clientId)
    .select('id')
  if (error || data.length !== 1) {
    throw new AppError({ code: 'internal', message: 'Your details were not saved. Please try again.', cause: error })
  }
}

/** Records her request and emails the practice's owners and admins (one open request at a time). */
export async function requestDataDeletion(db: SupabaseClient, clientId: string): Promise<string> {
  const { data, error } = await db.rpc('request_client_data_deletion', { client_id: clientId })
  if (error || typeof data !== 'string') {
    throw new AppError({ code: 'internal', message: 'Your request was not sent. Please try again.', cause: error })
  }
  return data
}

export async function openDeletionRequest(db: SupabaseClient, clientId: string): Promise<{ requested_at: string } | null> {
  const { data, error } = await db
    .from('client_deletion_requests')
    .select('requested_at')
    .eq('client_id', clientId)
    .is('resolved_at', null)
    .maybeSingle<{ requested_at: string }>()
  if (error) throw new Error(`Could not load the deletion request: ${error.message}`)
  return data
}
