/**
 * What the sign-in forms render after a submission: the values to put back, one message per field,
 * and a message for the whole form. Plain data with no imports, so the client forms that read it
 * ship neither zod nor the action client.
 */
export interface AuthFormState<Field extends string> {
  values: Partial<Record<Field, string>>
  fieldErrors: Partial<Record<Field, string>>
  formError?: string
}

export const LOGIN_FIELDS = ['email', 'next'] as const
export type LoginField = (typeof LOGIN_FIELDS)[number]

export const SIGNUP_FIELDS = ['fullName', 'practiceName', 'email'] as const
export type SignupField = (typeof SIGNUP_FIELDS)[number]

export const emptyAuthFormState = <Field extends string>(): AuthFormState<Field> => ({ values: {}, fieldErrors: {} })

/** The named text fields of a submission; a missing or non-text entry reads as empty. */
export function formFields<Field extends string>(formData: FormData, names: readonly Field[]): Record<Field, string> {
  const values = {} as Record<Field, string>
  for (const name of names) {
    const value = formData.get(name)
    values[name] = typeof value === 'string' ? value : ''
  }
  return values
}

/** The shape next-safe-action gives a failed call (its default "formatted" validation errors). */
export interface ActionOutcome<Field extends string> {
  serverError?: string
  validationErrors?: { _errors?: string[] } & Partial<Record<Field, { _errors?: string[] }>>
}

/** Turns an action's outcome into form state: the first message of each field, on that field. */
export function toAuthFormState<Field extends string>(
  outcome: ActionOutcome<Field>,
  values: Record<Field, string>,
  fields: readonly Field[],
): AuthFormState<Field> {
  const fieldErrors: Partial<Record<Field, string>> = {}
  for (const field of fields) {
    const message = outcome.validationErrors?.[field]?._errors?.[0]
    if (message) fieldErrors[field] = message
  }
  const formError = outcome.serverError ?? outcome.validationErrors?._errors?.[0]
  return { values, fieldErrors, ...(formError ? { formError } : {}) }
}
