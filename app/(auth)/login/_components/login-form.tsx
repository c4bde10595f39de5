'use client'
import { useActionState } from 'react'
import { loginFormAction } from '@/lib/auth/actions'
import { emptyAuthFormState, type LoginField } from '@/lib/auth/form-state'
import { AuthField } from '../../_components/auth-field'
import { FormAlert } from '../../_components/form-alert'
import { SubmitButton } from '../../_components/submit-button'

/**
 * Posts to the server action even before hydration. The browser checks the field's constraints;
 * the action validates again with the shared zod schema and answers with errors for the field.
 */
export function LoginForm({ next }: { next?: string }) {
  const [state, formAction, pending] = useActionState(loginFormAction, emptyAuthFormState<LoginField>())
  return (
    <form action={formAction} className="flex flex-col gap-4" data-test="login-form">
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <AuthField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        maxLength={254}
        defaultValue={state.values.email}
        error={state.fieldErrors.email}
        data-test="login-email"
      />
      <FormAlert message={state.formError} />
      <SubmitButton pending={pending} label="Email me a sign-in link" pendingLabel="Sending your link…" test="login-submit" />
    </form>
  )
}
