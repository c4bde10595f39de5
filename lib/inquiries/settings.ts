import 'server-only'
import { dbFailure, type Db } from '@/lib/server/db'
import { AppError } from '@/lib/errors'
import { InquirySettingsSchema, type OptionalInquiryField } from './inquiry.schema'

export interface InquirySettings {
  slug: string
  intro: string
  required: OptionalInquiryField[]
}

export async function getInquirySettings(db: Db, practiceId: string): Promise<InquirySettings> {
  const { data, error } = await db.from('practices').select('slug, inquiry_intro, inquiry_required').eq('id', practiceId).single()
  if (error) throw dbFailure('load the inquiry form settings', error)
  return { slug: data.slug, intro: data.inquiry_intro, required: data.inquiry_required as OptionalInquiryField[] }
}

/** Saves the intro and required fields (owners and admins; RLS filters anyone else's update to nothing). */
export async function updateInquirySettings(db: Db, practiceId: string, input: unknown): Promise<void> {
  const parsed = InquirySettingsSchema.parse(input)
  const { data, error } = await db
    .from('practices')
    .update({ inquiry_intro: parsed.intro, inquiry_required: parsed.required })
    .eq('id', practiceId)
    .select('id')
  if (error) throw dbFailure('save the inquiry form settings', error)
  if (data.length === 0) throw new AppError({ code: 'forbidden', message: 'Only the practice owner or an admin can change the inquiry form.' })
}
