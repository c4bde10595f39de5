import { z } from 'zod'
import { SignatureSchema } from './signature.schema'

/** Her answers as the portal sends them; each form's own schema (answers.schema.ts) judges them. */
const AnswersInput = z.record(z.string(), z.unknown(), 'Send the answers as a form.')

export const DraftSchema = z.object({ requestId: z.uuid(), answers: AnswersInput })
export const SubmitSchema = DraftSchema
export const ClientSignSchema = SignatureSchema.extend({ requestId: z.uuid(), answers: AnswersInput })
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
