/** Resend's error body: the SDK hands it back unchanged as `error`. */
export interface ResendError {
  statusCode: number
  message: string
  name: string
}

export const resendError = (statusCode: number, name: string, message: string): ResendError => ({
  statusCode,
  name,
  message,
})

export const missingField = (field: string) => resendError(422, 'missing_required_field', `Missing \`${field}\` field.`)

export const invalidField = (field: string, detail: string) =>
  resendError(422, 'validation_error', `Invalid \`${field}\` field. ${detail}`)
