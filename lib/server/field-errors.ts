import 'server-only'
import { returnValidationErrors, type ValidationErrors } from 'next-safe-action'
import type { z } from 'zod'
import { AppError } from '@/lib/errors'

/**
 * Bad input that only the server can judge (a duplicate email, a due date too far from today in the
 * practice's time zone, a doula who is not a member). Each message is written for the field it
 * names; `withFieldErrors` turns it into the action's validation errors so the form shows it in place.
 */
export class FieldErrors extends AppError {
  readonly fields: Readonly<Record<string, string>>

  constructor(fields: Record<string, string>) {
    super({ code: 'validation', message: Object.values(fields)[0] ?? 'Please check the form.' })
    this.name = 'FieldErrors'
    this.fields = fields
  }
}

export const isFieldErrors = (error: unknown): error is FieldErrors => error instanceof FieldErrors

/** next-safe-action's validation errors: a message list per field, nested as the values are. */
export type ValidationErrorTree = { _errors?: string[]; [name: string]: ValidationErrorTree | string[] | undefined }

/**
 * The next-safe-action validation-error shape for a set of field messages. A dotted name is a path
 * (`answers.phone` → `{ answers: { phone: { _errors } } }`), nested as the schema's own errors are,
 * so the react-hook-form adapter puts it on the field registered as `answers.phone`.
 */
export function toValidationErrors(fields: Readonly<Record<string, string>>): ValidationErrorTree {
  const tree: ValidationErrorTree = {}
  for (const [name, message] of Object.entries(fields)) {
    let node = tree
    for (const key of name.split('.')) {
      const existing = node[key]
      if (existing && !Array.isArray(existing)) node = existing
      else {
        const child: ValidationErrorTree = {}
        node[key] = child
        node = child
      }
    }
    node._errors = [message]
  }
  return tree
}

/** Parses input with a form's schema; a direct caller gets the same field errors the form shows. */
export function parseOrFieldErrors<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const fields: Record<string, string> = {}
  for (const issue of result.error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message
  throw new FieldErrors(fields)
}

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
