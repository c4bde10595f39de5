'use client'
import { useActionState } from 'react'
import { signupFormAction } from '@/lib/auth/actions'
import { emptyAuthFormState, type SignupField } from '@/lib/auth/form-state'
import { AuthField } from '../../_components/auth-field'
import { FormAlert } from '../../_components/form-alert'
import { SubmitButton } from '../../_components/submit-button'

/** Like the login form: native constraints first, the shared zod schema on the server. */
export function SignupForm() {
  const [state, formAction, pending] = useActionState(signupFormAction, emptyAuthFormState<SignupField>())
  const { values, fieldErrors } = state
  return (
    <form action={formAction} className="flex flex-col gap-4" data-test="signup-form">
      <AuthField
        name="fullName"
        label="Your name"
        autoComplete="name"
        required
        maxLength={120}
        defaultValue={values.fullName}
        error={fieldErrors.fullName}
        data-test="signup-full-name"
      />
      <AuthField
        name="practiceName"
        label="Practice name"
        autoComplete="organization"
        placeholder="e.g. Willow Birth Support"
        required
        maxLength={120}
        defaultValue={values.practiceName}
        error={fieldErrors.practiceName}
        data-test="signup-practice-name"
      />
      <AuthField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        maxLength={254}
        defaultValue={values.email}
        error={fieldErrors.email}
        data-test="signup-email"
      />
      <FormAlert message={state.formError} />
      <SubmitButton pending={pending} label="Create my practice" pendingLabel="Sending your link…" test="signup-submit" />
    </form>
  )
}
