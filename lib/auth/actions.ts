'use server'
import { redirect } from 'next/navigation'
import { serverEnv } from '@/lib/env'
import { AppError } from '@/lib/errors'
import { actionClient } from '@/lib/server/action-client'
import { createAdminClient } from '@/lib/supabase/admin'
import { createClient } from '@/lib/supabase/server'
import { LoginSchema, SignupSchema } from './auth.schema'
import {
  formFields,
  LOGIN_FIELDS,
  SIGNUP_FIELDS,
  toAuthFormState,
  type AuthFormState,
  type LoginField,
  type SignupField,
} from './form-state'
import { confirmUrl as siteConfirmUrl } from './confirm-url'
import { withMinimumDuration } from './min-duration'
import { admitSignInRequest } from './sign-in-limit'

const CHECK_EMAIL_PATH = '/check-email'

const confirmUrl = (next?: string) => siteConfirmUrl(serverEnv().NEXT_PUBLIC_SITE_URL, next)

function failure(error: { code?: string; message: string }): AppError {
  if (error.code === 'over_request_rate_limit' || error.code === 'over_email_send_rate_limit') {
    return new AppError({ code: 'rate_limited', message: 'Too many requests. Please wait a minute and try again.' })
  }
  return new AppError({ code: 'internal', message: 'We could not send your link. Please try again.', cause: error })
}

const signupAction = actionClient.inputSchema(SignupSchema).action(async ({ parsedInput }) => {
  await admitSignInRequest(createAdminClient(), parsedInput.email)
  const supabase = await createClient()
  const { error } = await supabase.auth.signInWithOtp({
    email: parsedInput.email,
    options: {
      shouldCreateUser: true,
      emailRedirectTo: confirmUrl(),
      data: { full_name: parsedInput.fullName, practice_name: parsedInput.practiceName },
    },
  })
  if (error) throw failure(error)
  redirect(CHECK_EMAIL_PATH)
})

/**
 * Answers identically for known and unknown emails: `otp_disabled` (no such user) and the per-user
 * send limit are swallowed, every outcome is padded to the same minimum duration, and the per-address
 * limit (slowed, then refused) counts every address alike.
 */
const loginAction = actionClient.inputSchema(LoginSchema).action(async ({ parsedInput }) => {
  const minDurationMs = await admitSignInRequest(createAdminClient(), parsedInput.email)
  await withMinimumDuration(minDurationMs, async () => {
    const supabase = await createClient()
    const { error } = await supabase.auth.signInWithOtp({
      email: parsedInput.email,
      options: { shouldCreateUser: false, emailRedirectTo: confirmUrl(parsedInput.next) },
    })
    if (!error || error.code === 'otp_disabled' || error.code === 'over_email_send_rate_limit') return
    throw failure(error)
  })
  redirect(CHECK_EMAIL_PATH)
})

/*
 * The endpoints the sign-in forms post to, shaped for React's useActionState: they take the form's
 * FormData (so the forms work before JavaScript loads) and answer with values and field errors.
 * A successful call redirects and never returns.
 */

export async function signupFormAction(_previous: AuthFormState<SignupField>, formData: FormData): Promise<AuthFormState<SignupField>> {
  const values = formFields(formData, SIGNUP_FIELDS)
  return toAuthFormState(await signupAction(values), values, SIGNUP_FIELDS)
}

export async function loginFormAction(_previous: AuthFormState<LoginField>, formData: FormData): Promise<AuthFormState<LoginField>> {
  const values = formFields(formData, LOGIN_FIELDS)
  const { next, ...input } = values
  return toAuthFormState(await loginAction(next ? values : input), values, LOGIN_FIELDS)
}
