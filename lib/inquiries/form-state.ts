/**
 * What the public inquiry form renders after a submission: her answers to put back, a message per
 * field and for the whole form, and the signed token for the next try. Plain data with no imports,
 * so the client form ships neither zod nor the service.
 */
export type InquiryFormValues = {
  name: string
  email: string
  phone: string
  dueDate: string
  notPregnantYet: boolean
  services: string[]
  message: string
  heardFrom: string
}

export type InquiryFormState =
  | { status: 'idle'; token: string }
  | { status: 'sent'; merged: boolean }
  | { status: 'refused'; token: string; message: string; values: InquiryFormValues; fieldErrors: Partial<Record<keyof InquiryFormValues, string>> }

/** Hidden fields the page fills from its address and referrer; each is cut to a short length. */
export const UTM_FIELDS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const

/** The honeypot's name: a field a person never sees, labelled for anyone who does. */
export const HONEYPOT_FIELD = 'website'
