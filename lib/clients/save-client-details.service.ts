import 'server-only'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { parseOrFieldErrors } from '@/lib/server/field-errors'
import { ClientDetailsSchema } from './client-details.schema'

/** Only the filled-in fields, so the stored JSON has no empty strings. */
const filled = (entries: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== ''))

/** Saves her address, partner and support contacts, lead source and UTM (the columns the main form does not edit). */
export async function saveClientDetails(db: Db, practiceId: string, input: unknown): Promise<void> {
  const d = parseOrFieldErrors(ClientDetailsSchema, input)
  const { data, error } = await db
    .from('clients')
    .update({
      address: filled({
        line1: d.address.line1,
        line2: d.address.line2,
        city: d.address.city,
        region: d.address.region,
        postal_code: d.address.postalCode,
        country: d.address.country,
      }),
      partner_contacts: d.contacts.map((c) => filled({ ...c, email: c.email.toLowerCase() })),
      lead_source: d.leadSource || null,
      utm: filled(d.utm),
    })
    .eq('practice_id', practiceId)
    .eq('id', d.clientId)
    .select('id')
  if (error) throw dbFailure('save her details', error)
  if (data.length === 0) throw notFound('client')
}
