import { z } from 'zod'
import { buildAnswersSchema } from './answers.schema'
import type { FormField } from './fields'
import { SignatureSchema } from './signature.schema'

/** Her answers as the portal sends them; each form's own schema (answers.schema.ts) judges them. */
const AnswersInput = z.record(z.string(), z.unknown(), 'Send the answers as a form.')

/** What her intake form sends: the answers under `answers` (the request is the action's bound argument). */
export const AnswersFormSchema = z.object({ answers: AnswersInput })
/** What her agreement form sends: her answers and her signature. */
export const ClientSignFormSchema = SignatureSchema.extend({ answers: AnswersInput })

export const DraftSchema = AnswersFormSchema.extend({ requestId: z.uuid() })
export const SubmitSchema = DraftSchema
export const ClientSignSchema = ClientSignFormSchema.extend({ requestId: z.uuid() })

/** Her intake form as her browser checks it: the answers judged by the form she was sent. */
export function intakeFormSchema(fields: readonly FormField[]) {
  return AnswersFormSchema.extend({ answers: buildAnswersSchema(fields, 'submit') })
}

/** Her agreement form as her browser checks it: the answers and the signature, every problem at once. */
export function agreementFormSchema(fields: readonly FormField[]) {
  return ClientSignFormSchema.extend({ answers: buildAnswersSchema(fields, 'submit') })
}
export const CountersignSchema = SignatureSchema.extend({ clientId: z.uuid(), requestId: z.uuid() })
/** The partner's link token: 32 random bytes, hex. */
export const PartnerTokenSchema = z.string().regex(/^[0-9a-f]{64}$/, 'This signing link is not valid.')
export const PartnerSignSchema = SignatureSchema.extend({ token: PartnerTokenSchema })

/**
 * next-safe-action's validation errors, nested ({ answers: { f_x: { _errors: [...] } } }) or flat
 * ({ 'answers.f_x': { _errors } }), as one message per dotted path.
 */
export function flattenValidationErrors(errors: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  if (!errors || typeof errors !== 'object') return out
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    if (key === '_errors') {
      const first = Array.isArray(value) ? value[0] : undefined
      if (typeof first === 'string') out[prefix || 'form'] ??= first
      continue
    }
    Object.assign(out, flattenValidationErrors(value, prefix ? `${prefix}.${key}` : key))
  }
  return out
}
