import 'server-only'
import { returnValidationErrors, type ValidationErrors } from 'next-safe-action'
import type { z } from 'zod'
import { isFieldErrors, toValidationErrors } from './field-errors'

/**
 * Runs a service call from an action; its FieldErrors come back as the action's validation errors
 * (so the form puts each message on its field) instead of a server error.
 */
export async function withFieldErrors<S extends z.ZodType, T>(schema: S, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (!isFieldErrors(error)) throw error
    // The field names come from the same schema the action validated with.
    return returnValidationErrors(schema, toValidationErrors(error.fields) as ValidationErrors<S>)
  }
}
