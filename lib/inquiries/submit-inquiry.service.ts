import 'server-only'
import { AppError, userFacingMessage } from '@/lib/errors'
import { enforceRateLimit, ipSubject, RATE_LIMITS } from '@/lib/security/rate-limit'
import { dbFailure, PG_ERROR, type Db } from '@/lib/server/db'
import { checkFormToken } from './form-token'
import { InquirySchema, missingRequired, type Inquiry } from './inquiry.schema'

/** What the visitor sent, as the form posted it. */
export interface InquirySubmission {
  slug: string
  fields: Record<string, unknown>
  /** The hidden field people never see; anything in it means a bot filled the form. */
  honeypot: string
  token: string
  utm: Record<string, string>
  /** The address the platform vouches for; null when none can be trusted (no per-visitor limit). */
  ip: string | null
}

export type InquiryResult =
  | { status: 'sent'; merged: boolean; clientId: string; practiceId: string }
  | { status: 'refused'; message: string; fieldErrors: Partial<Record<keyof Inquiry, string>> }

const refused = (message: string, fieldErrors: Partial<Record<keyof Inquiry, string>> = {}): InquiryResult => ({
  status: 'refused',
  message,
  fieldErrors,
})

/**
 * Checks an inquiry (bots, fill time, sizes, required fields, rate limits) and hands it to
 * submit_inquiry, the one function that can add a lead. Every refusal says why; nothing valid is
 * dropped: a database failure throws, so the visitor is told to try again with her answers kept.
 */
export async function submitInquiry(admin: Db, secret: string, submission: InquirySubmission, now: number, required: readonly string[]): Promise<InquiryResult> {
  if (submission.honeypot.trim() !== '') {
    return refused('Your inquiry was not sent because a field meant to stay empty was filled in. If you use an autofill tool, please clear the "Leave this empty" field and send again.')
  }
  const token = checkFormToken(secret, submission.slug, submission.token, now)
  if (token === 'too_fast') return refused('That was sent faster than a person can fill the form. Please check your answers and send it again.')
  if (token === 'expired') return refused('This form was open for more than a day. Please send it again: your answers are still here.')
  if (token === 'invalid') return refused('This form could not be verified. Please reload the page and send it again.')

  const parsed = InquirySchema.safeParse(submission.fields)
  if (!parsed.success) {
    const fieldErrors: Partial<Record<keyof Inquiry, string>> = {}
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof Inquiry
      fieldErrors[key] ??= issue.message
    }
    return refused('Please correct the highlighted fields.', fieldErrors)
  }
  const missing = missingRequired(parsed.data, required)
  if (Object.keys(missing).length > 0) return refused('Please fill in the required fields.', missing)

  try {
    if (submission.ip) await enforceRateLimit(admin, ipSubject(submission.ip), RATE_LIMITS.inquiryVisitor)
    const { data: practice, error: practiceError } = await admin.from('practices').select('id').eq('slug', submission.slug).maybeSingle()
    if (practiceError) throw dbFailure('send your inquiry', practiceError)
    if (!practice) return refused('This practice no longer takes inquiries here.')
    await enforceRateLimit(admin, practice.id, RATE_LIMITS.inquiryPractice)
  } catch (error) {
    if (error instanceof AppError && error.code === 'rate_limited') return refused(userFacingMessage(error))
    throw error
  }

  const inquiry = parsed.data
  const { data, error } = await admin.rpc('submit_inquiry', {
    p_slug: submission.slug,
    p_inquiry: {
      name: inquiry.name,
      email: inquiry.email,
      phone: inquiry.phone,
      due_date: inquiry.notPregnantYet ? '' : inquiry.dueDate,
      not_pregnant_yet: inquiry.notPregnantYet,
      services: inquiry.services,
      message: inquiry.message,
      heard_from: inquiry.heardFrom,
      utm: submission.utm,
    },
  })
  if (error) {
    if (error.code === PG_ERROR.noDataFound) return refused('This practice no longer takes inquiries here.')
    throw dbFailure('send your inquiry', error)
  }
  const result = data as { client_id: string; practice_id: string; merged: boolean }
  return { status: 'sent', merged: result.merged, clientId: result.client_id, practiceId: result.practice_id }
}
