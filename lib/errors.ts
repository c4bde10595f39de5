/** The closed set of failures the app reports. Anything else is a bug and is shown generically. */
export const APP_ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'not_found',
  'validation',
  'conflict',
  'rate_limited',
  'internal',
] as const

export type AppErrorCode = (typeof APP_ERROR_CODES)[number]

export const GENERIC_ERROR_MESSAGE = 'Something went wrong on our side. Please try again in a moment.'

/** An error whose message is written for the person using the app and is safe to show them. */
export class AppError extends Error {
  readonly code: AppErrorCode

  constructor({ code, message, cause }: { code: AppErrorCode; message: string; cause?: unknown }) {
    super(message, { cause })
    this.name = 'AppError'
    this.code = code
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError

/** The only path from an error to the user: AppError messages pass, everything else is hidden. */
export function userFacingMessage(error: unknown): string {
  return isAppError(error) ? error.message : GENERIC_ERROR_MESSAGE
}
