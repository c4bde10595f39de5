import 'server-only'
import { AppError } from '@/lib/errors'
import { dbFailure, type Db } from '@/lib/server/db'
import type { ContactDetails, ReminderPreference } from './profile.schema'

/** Her contact details as the form shows them ('' where she gave none). */
export async function getContactDetails(db: Db, clientId: string): Promise<ContactDetails> {
  const { data, error } = await db.from('clients').select('preferred_name, pronouns, phone').eq('id', clientId).single()
  if (error) throw dbFailure('load your details', error)
  return { preferredName: data.preferred_name ?? '', pronouns: data.pronouns ?? '', phone: data.phone ?? '' }
}

export async function updateContactDetails(db: Db, clientId: string, details: ContactDetails): Promise<void> {
  const { data, error } = await db
    .from('clients')
    .update({ preferred_name: details.preferredName || null, pronouns: details.pronouns || null, phone: details.phone || null })
    .eq('id', clientId)
    .select('id')
  if (error || data.length !== 1) {
    throw new AppError({ code: 'internal', message: 'Your details were not saved. Please try again.', cause: error })
  }
}

export async function getReminderPreference(db: Db, clientId: string): Promise<ReminderPreference> {
  const { data, error } = await db.from('clients').select('appointment_reminders').eq('id', clientId).single()
  if (error) throw dbFailure('load your reminder choice', error)
  return { appointmentReminders: data.appointment_reminders }
}

/** Her own switch: the database lets a portal client change it on her record, and nothing else beside her details. */
export async function updateReminderPreference(db: Db, clientId: string, preference: ReminderPreference): Promise<void> {
  const { data, error } = await db.from('clients').update({ appointment_reminders: preference.appointmentReminders }).eq('id', clientId).select('id')
  if (error || data.length !== 1) {
    throw new AppError({ code: 'internal', message: 'Your choice was not saved. Please try again.', cause: error })
  }
}

/** Records her request and emails the practice's owners and admins (one open request at a time). */
export async function requestDataDeletion(db: Db, clientId: string): Promise<string> {
  const { data, error } = await db.rpc('request_client_data_deletion', { client_id: clientId })
  if (error || typeof data !== 'string') {
    throw new AppError({ code: 'internal', message: 'Your request was not sent. Please try again.', cause: error })
  }
  return data
}

export async function openDeletionRequest(db: Db, clientId: string): Promise<{ requested_at: string } | null> {
  const { data, error } = await db
    .from('client_deletion_requests')
    .select('requested_at')
    .eq('client_id', clientId)
    .is('resolved_at', null)
    .maybeSingle<{ requested_at: string }>()
  if (error) throw dbFailure('load the deletion request', error)
  return data
}
