'use server'
import { revalidatePath } from 'next/cache'
import { userFacingMessage } from '@/lib/errors'
import { practiceActionClient, requireRole } from '@/lib/server/action-client'
import { currentRequestMeta } from '@/lib/server/request-meta'
import { createAdminClient } from '@/lib/supabase/admin'
import { formTokenSecret, issueFormToken } from './form-token'
import { HONEYPOT_FIELD, UTM_FIELDS, type InquiryFormState, type InquiryFormValues } from './form-state'
import { InquirySettingsSchema, utmFrom } from './inquiry.schema'
import { getInquiryForm } from './queries'
import { updateInquirySettings } from './settings'
import { submitInquiry } from './submit-inquiry.service'

const text = (formData: FormData, name: string) => {
  const value = formData.get(name)
  return typeof value === 'string' ? value : ''
}

/**
 * The endpoint the public inquiry form posts to, shaped for React's useActionState: it takes the
 * form's FormData, so the form works without JavaScript (and inside another site's iframe), and
 * answers with her values, the refusal's messages and a fresh token. Anyone may call it: only
 * submit_inquiry, behind the checks, writes anything.
 */
export async function sendInquiryFormAction(_previous: InquiryFormState, formData: FormData): Promise<InquiryFormState> {
  const slug = text(formData, 'slug')
  const values: InquiryFormValues = {
    name: text(formData, 'name'),
    email: text(formData, 'email'),
    phone: text(formData, 'phone'),
    dueDate: text(formData, 'dueDate'),
    notPregnantYet: text(formData, 'notPregnantYet') === 'on',
    services: formData.getAll('services').filter((s): s is string => typeof s === 'string'),
    message: text(formData, 'message'),
    heardFrom: text(formData, 'heardFrom'),
  }
  const secret = formTokenSecret()
  const now = Date.now()
  const token = issueFormToken(secret, slug, now)
  try {
    const admin = createAdminClient()
    const form = await getInquiryForm(admin, slug)
    if (!form) return { status: 'refused', token, values, fieldErrors: {}, message: 'This practice no longer takes inquiries here.' }
    const utmParams = new URLSearchParams(UTM_FIELDS.map((name) => [name, text(formData, name)]))
    const result = await submitInquiry(
      admin,
      secret,
      {
        slug,
        fields: values,
        honeypot: text(formData, HONEYPOT_FIELD),
        token: text(formData, 'token'),
        utm: utmFrom(utmParams, text(formData, 'referrer').trim() || null),
        ip: (await currentRequestMeta()).ip,
      },
      now,
      form.required,
    )
    if (result.status === 'sent') return { status: 'sent', merged: result.merged }
    return { status: 'refused', token, values, fieldErrors: result.fieldErrors, message: result.message }
  } catch (error) {
    console.error('Inquiry not saved', error)
    return { status: 'refused', token, values, fieldErrors: {}, message: `${userFacingMessage(error)} Your inquiry was not sent yet; your answers are still here.` }
  }
}

/** The practice's intro and required fields for its inquiry page. */
export const updateInquirySettingsAction = practiceActionClient
  .use(requireRole(['owner', 'admin'], 'Only the practice owner or an admin can change the inquiry form.'))
  .inputSchema(InquirySettingsSchema)
  .action(async ({ parsedInput, ctx }) => {
    await updateInquirySettings(ctx.db, ctx.practice.practiceId, parsedInput)
    revalidatePath('/dashboard/settings/inquiry')
    return { saved: true }
  })
