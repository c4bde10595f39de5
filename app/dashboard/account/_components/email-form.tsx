'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { EmailChangeSchema } from '@/lib/account/account.schema'
import { requestEmailChangeAction } from '@/lib/account/actions'

/** Starts the email change; nothing changes until she opens the confirmation link. */
export function EmailForm() {
  const { form, action } = useHookFormAction(requestEmailChangeAction, zodResolver(EmailChangeSchema), {
    formProps: { defaultValues: { email: '' } },
  })
  const { errors } = form.formState
  const requested = action.result.data?.email
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit(() => action.execute(form.getValues()))} data-test="account-email-form">
      <FormField
        id="email"
        label="New email address"
        type="email"
        autoComplete="email"
        inputMode="email"
        error={errors.email?.message}
        {...form.register('email')}
      />
      {action.result.serverError ? <StatusMessage tone="error">{action.result.serverError}</StatusMessage> : null}
      {requested ? (
        <StatusMessage tone="success">
          We sent a confirmation link to {requested}. Your sign-in email changes once you open it (if your current address gets a
          link too, open that one as well). Until then, keep signing in with your current address.
        </StatusMessage>
      ) : null}
      <div>
        <Button type="submit" disabled={action.isPending} data-test="account-email-save">
          {action.isPending ? 'Sending…' : 'Change email'}
        </Button>
      </div>
    </form>
  )
}
