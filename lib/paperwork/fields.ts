import { z } from 'zod'

/**
 * The building blocks of a form. The database checks the same list
 * (private.form_fields_are_valid in the paperwork migration).
 */
export const FIELD_TYPES = [
  'short_text',
  'long_text',
  'number',
  'date',
  'email',
  'phone',
  'single_choice',
  'multiple_choice',
  'yes_no',
  'consent',
  'heading',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  short_text: 'Short text',
  long_text: 'Long text',
  number: 'Number',
  date: 'Date',
  email: 'Email',
  phone: 'Phone',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  yes_no: 'Yes / no',
  consent: 'Consent checkbox',
  heading: 'Section heading',
}

export const CHOICE_TYPES: readonly FieldType[] = ['single_choice', 'multiple_choice']
export const isChoiceType = (type: FieldType) => CHOICE_TYPES.includes(type)

/**
 * Parts of her client record an answer can propose to fill in. The doula confirms each change on
 * the client page; nothing is written silently.
 */
export const RECORD_TARGETS = [
  'preferred_name',
  'pronouns',
  'phone',
  'address_line1',
  'address_city',
  'address_region',
  'address_postal_code',
  'due_date',
  'partner_name',
  'partner_phone',
  'partner_email',
] as const
export type RecordTarget = (typeof RECORD_TARGETS)[number]

export const RECORD_TARGET_LABELS: Record<RecordTarget, string> = {
  preferred_name: 'Preferred name',
  pronouns: 'Pronouns',
  phone: 'Phone',
  address_line1: 'Street address',
  address_city: 'City',
  address_region: 'State or region',
  address_postal_code: 'Postal code',
  due_date: 'Due date',
  partner_name: 'Partner: name',
  partner_phone: 'Partner: phone',
  partner_email: 'Partner: email',
}

/** Which field types can fill which part of the record. */
export const TARGET_FIELD_TYPES: Record<RecordTarget, readonly FieldType[]> = {
  preferred_name: ['short_text'],
  pronouns: ['short_text'],
  phone: ['phone', 'short_text'],
  address_line1: ['short_text'],
  address_city: ['short_text'],
  address_region: ['short_text'],
  address_postal_code: ['short_text'],
  due_date: ['date'],
  partner_name: ['short_text'],
  partner_phone: ['phone', 'short_text'],
  partner_email: ['email'],
}

export const FIELD_ID = /^[a-z][a-z0-9_]{0,39}$/

/** A stored field definition (template or snapshot). Loose on purpose: old rows stay readable. */
export const FormFieldSchema = z.object({
  id: z.string().regex(FIELD_ID),
  type: z.enum(FIELD_TYPES),
  label: z.string(),
  help: z.string().optional(),
  required: z.boolean().optional(),
  options: z.array(z.string()).optional(),
  maps_to: z.enum(RECORD_TARGETS).optional(),
})
export type FormField = z.infer<typeof FormFieldSchema>

export const FORM_KINDS = ['intake', 'agreement'] as const
export type FormKind = (typeof FORM_KINDS)[number]
export const FORM_KIND_LABELS: Record<FormKind, string> = { intake: 'Intake form', agreement: 'Agreement' }

/** What a client received: the template frozen at sending, agreements with their merge fields filled in. */
export const SnapshotSchema = z.object({
  templateId: z.string().nullable().optional(),
  name: z.string(),
  kind: z.enum(FORM_KINDS),
  version: z.number().int().optional(),
  description: z.string().optional(),
  fields: z.array(FormFieldSchema),
  body: z.string().optional(),
})
export type Snapshot = z.infer<typeof SnapshotSchema>

/** The fields that take an answer (headings only structure the form). */
export const answerFields = (fields: readonly FormField[]) => fields.filter((f) => f.type !== 'heading')

/** Answers as stored: strings, numbers, booleans and lists of choices, by field id. */
export type AnswerValue = string | number | boolean | string[]
export type Answers = Record<string, AnswerValue>

/** How an answer reads in the dashboard, the portal and the PDF. */
export function formatAnswer(field: FormField, value: AnswerValue | undefined): string {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '—'
  if (field.type === 'yes_no') return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : String(value)
  if (field.type === 'consent') return value === true ? 'Agreed' : 'Not agreed'
  if (field.type === 'date' && typeof value === 'string') return formatLongDate(value)
  if (Array.isArray(value)) return value.join(', ')
  return String(value)
}

const LONG_DATE = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })

/** "2027-03-14" → "March 14, 2027"; anything else as it is. */
export function formatLongDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const time = Date.parse(`${value}T00:00:00Z`)
  return Number.isNaN(time) ? value : LONG_DATE.format(time)
}
