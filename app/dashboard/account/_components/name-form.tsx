'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { AccountNameSchema } from '@/lib/account/account.schema'
import { renameAccountAction } from '@/lib/account/actions'

export function NameForm({ fullName }: { fullName: string }) {
  const { form, action } = useHookFormAction(renameAccountAction, zodResolver(AccountNameSchema), {
    formProps: { defaultValues: { fullName } },
    actionProps: {
      onSuccess() {
        form.reset(form.getValues())
      },
    },
  })
  const { errors, isDirty } = form.formState
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit(() => action.execute(form.getValues()))} data-test="account-name-form">
      <FormField id="fullName" label="Your name" autoComplete="name" error={errors.fullName?.message} {...form.register('fullName')} />
      {action.result.serverError ? <StatusMessage tone="error">{action.result.serverError}</StatusMessage> : null}
      {action.hasSucceeded && !isDirty ? <StatusMessage tone="success">Your name is saved.</StatusMessage> : null}
      <div>
        <Button type="submit" disabled={action.isPending} data-test="account-name-save">
          {action.isPending ? 'Saving…' : 'Save name'}
        </Button>
      </div>
    </form>
  )
}
