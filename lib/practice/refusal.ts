import { AppError } from '@/lib/errors'
import { notFound } from './db'

/**
 * The answer after RLS refused or filtered a write. A row (or practice) the caller can still read
 * means she is a member without the role the write needs; anything else is another practice's,
 * which must look exactly like a missing one.
 */
export function refusal(visibleToCaller: boolean, what: string): AppError {
  return visibleToCaller
    ? new AppError({ code: 'forbidden', message: 'Only the practice owner or an admin can change this.' })
    : notFound(what)
}
