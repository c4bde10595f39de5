import { z } from 'zod'

export const INQUIRY_SERVICES = [
  { value: 'birth', label: 'Birth support' },
  { value: 'postpartum', label: 'Postpartum support' },
  { value: 'prenatal', label: 'Prenatal visits' },
  { value: 'education', label: 'Childbirth education' },
  { value: 'lactation', label: 'Feeding and lactation' },
  { value: 'other', label: 'Something else' },
] as const

/** Fields a practice may require; name and email always are. */
export const OPTIONAL_INQUIRY_FIELDS = [
  { value: 'phone', label: 'Phone' },
  { value: 'due_date', label: 'Due date (or "not pregnant yet")' },
  { value: 'services', label: 'Services wanted' },
  { value: 'message', label: 'Message' },
  { value: 'heard_from', label: 'How she heard of you' },
] as const
export type OptionalInquiryField = (typeof OPTIONAL_INQUIRY_FIELDS)[number]['value']

const serviceValues = INQUIRY_SERVICES.map((s) => s.value) as [string, ...string[]]
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `Please shorten ${label} to ${max} characters.`).optional().default('')

/** The visitor's answers, as a plain form posts them (every value a string). */
export const InquirySchema = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(200, 'Please shorten your name to 200 characters.'),
  email: z.string().trim().toLowerCase().max(320, 'Please shorten the email address.').pipe(z.email('Enter an email address like name@example.com.')),
  phone: optionalText(40, 'the phone number'),
  dueDate: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Enter the due date as a date.')
    .optional()
    .default(''),
  notPregnantYet: z.boolean().default(false),
  services: z.array(z.enum(serviceValues, 'Choose services from the list.')).max(serviceValues.length).default([]),
  message: optionalText(5000, 'your message'),
  heardFrom: optionalText(200, 'how you heard of us'),
})
export type Inquiry = z.infer<typeof InquirySchema>

/** Which required fields an inquiry leaves empty, with the message for each. */
export function missingRequired(inquiry: Inquiry, required: readonly string[]): Partial<Record<keyof Inquiry, string>> {
  const missing: Partial<Record<keyof Inquiry, string>> = {}
  if (required.includes('phone') && !inquiry.phone) missing.phone = 'Enter a phone number.'
  if (required.includes('due_date') && !inquiry.dueDate && !inquiry.notPregnantYet) missing.dueDate = 'Enter your due date, or tick "not pregnant yet".'
  if (required.includes('services') && inquiry.services.length === 0) missing.services = 'Choose at least one service.'
  if (required.includes('message') && !inquiry.message) missing.message = 'Write a short message.'
  if (required.includes('heard_from') && !inquiry.heardFrom) missing.heardFrom = 'Tell us how you heard of us.'
  return missing
}

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const

/** UTM parameters from the page's query string plus the referrer, each cut to the column's limit. */
export function utmFrom(params: URLSearchParams, referrer: string | null): Record<string, string> {
  const utm: Record<string, string> = {}
  for (const key of UTM_KEYS) {
    const value = params.get(`utm_${key}`)?.trim()
    if (value) utm[key] = value.slice(0, 200)
  }
  if (referrer) utm.referrer = referrer.slice(0, 500)
  return utm
}

export const InquirySettingsSchema = z.object({
  intro: z.string().trim().max(2000, 'Please shorten the introduction to 2,000 characters.'),
  required: z.array(z.enum(OPTIONAL_INQUIRY_FIELDS.map((f) => f.value) as [OptionalInquiryField, ...OptionalInquiryField[]])),
})
export type InquirySettingsInput = z.input<typeof InquirySettingsSchema>
