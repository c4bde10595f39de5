import 'server-only'
import { cache } from 'react'
import { dbFailure, type Db } from '@/lib/server/db'

export interface InquiryForm {
  practiceName: string
  intro: string
  required: string[]
}

/** The public page of the practice with this slug, or null (read with the service role). */
export const getInquiryForm = cache(async (admin: Db, slug: string): Promise<InquiryForm | null> => {
  const { data, error } = await admin.rpc('inquiry_form', { p_slug: slug })
  if (error) throw dbFailure('load this inquiry form', error)
  const row = data[0]
  return row ? { practiceName: row.practice_name, intro: row.intro, required: row.required_fields } : null
})
