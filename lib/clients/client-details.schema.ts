import { z } from 'zod'

/*
 * The parts of a client record kept as JSON (address, partner and support contacts, UTM) and her lead
 * source. Every field is a string in the form ('' for none); the service stores only what is filled.
 */

const text = (max: number, label: string) => z.string().trim().max(max, `Please shorten the ${label} to ${max} characters.`)

export const MAX_CONTACTS = 5

export const AddressSchema = z.object({
  line1: text(200, 'address'),
  line2: text(200, 'second address line'),
  city: text(100, 'city'),
  region: text(100, 'state or region'),
  postalCode: text(20, 'postal code'),
  country: text(100, 'country'),
})

export const SupportContactSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name, or remove this contact.').max(100, 'Please shorten the name to 100 characters.'),
  relationship: text(60, 'relation'),
  phone: text(40, 'phone number'),
  email: z
    .string()
    .trim()
    .max(254, 'That email address is too long.')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a valid email address, like name@example.com.'),
})

export const UtmSchema = z.object({
  source: text(200, 'UTM source'),
  medium: text(200, 'UTM medium'),
  campaign: text(200, 'UTM campaign'),
  term: text(200, 'UTM term'),
  content: text(200, 'UTM content'),
})

export const ClientDetailsSchema = z.object({
  clientId: z.uuid(),
  address: AddressSchema,
  contacts: z.array(SupportContactSchema).max(MAX_CONTACTS, `Add at most ${MAX_CONTACTS} contacts.`),
  leadSource: text(100, 'lead source'),
  utm: UtmSchema,
})
export type ClientDetailsInput = z.input<typeof ClientDetailsSchema>
export type ClientDetails = z.output<typeof ClientDetailsSchema>

/** The stored JSON of a client's details, read back into the form's shape (anything unexpected reads as empty). */
export function detailsFromRow(row: { address: unknown; partner_contacts: unknown; lead_source: string | null; utm: unknown }): Omit<ClientDetails, 'clientId'> {
  const field = (value: unknown, key: string): string => {
    if (typeof value !== 'object' || value === null) return ''
    const v = (value as Record<string, unknown>)[key]
    return typeof v === 'string' ? v : ''
  }
  const a = row.address
  const u = row.utm
  return {
    address: {
      line1: field(a, 'line1'),
      line2: field(a, 'line2'),
      city: field(a, 'city'),
      region: field(a, 'region'),
      postalCode: field(a, 'postal_code'),
      country: field(a, 'country'),
    },
    contacts: (Array.isArray(row.partner_contacts) ? row.partner_contacts : []).map((c: unknown) => ({
      name: field(c, 'name'),
      relationship: field(c, 'relationship'),
      phone: field(c, 'phone'),
      email: field(c, 'email'),
    })),
    leadSource: row.lead_source ?? '',
    utm: { source: field(u, 'source'), medium: field(u, 'medium'), campaign: field(u, 'campaign'), term: field(u, 'term'), content: field(u, 'content') },
  }
}
