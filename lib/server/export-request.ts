import 'server-only'
import { z } from 'zod'
import { AppError } from '@/lib/errors'

/**
 * The query of a practice's CSV export (`?practice=<id>&…`): its parameters and the practice it
 * names, refused as `validation` before anything is read when that id is missing or malformed.
 * Whether she may export from that practice is decided later, by RLS and her membership.
 */
export function exportRequest(request: Request): { params: Record<string, string>; practiceId: string } {
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const practiceId = z.uuid().safeParse(params.practice)
  if (!practiceId.success) throw new AppError({ code: 'validation', message: 'Choose a practice to export from.' })
  return { params, practiceId: practiceId.data }
}
