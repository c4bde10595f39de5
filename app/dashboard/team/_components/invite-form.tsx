'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { useState } from 'react'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { inviteMemberAction } from '@/lib/team/actions'
import { INVITABLE_ROLES, InviteSchema, ROLE_LABELS } from '@/lib/team/team.schema'
import { SelectField } from '../../_components/select-field'

/** Owners and admins invite by email; the server judges duplicates and puts them on the field. */
export function InviteForm() {
  const [sentTo, setSentTo] = useState<string | null>(null)
  const { form, action } = useHookFormAction(inviteMemberAction, zodResolver(InviteSchema), {
    formProps: { defaultValues: { email: '', role: 'doula' } },
    actionProps: {
      onSuccess({ input }) {
        setSentTo(input.email.trim().toLowerCase())
        form.reset({ email: '', role: form.getValues('role') })
      },
    },
  })
  const { execute, isPending, result } = action
  const { errors } = form.formState
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
      onSubmit={form.handleSubmit(() => {
        setSentTo(null)
        execute(form.getValues())
      })}
      data-test="invite-form"
    >
      <FormField id="inviteEmail" label="Email address" type="email" autoComplete="off" error={errors.email?.message} {...form.register('email')} />
      <SelectField
        id="inviteRole"
        label="Role"
        error={errors.role?.message}
        options={INVITABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        {...form.register('role')}
      />
      <Button type="submit" disabled={isPending} className="sm:mt-7" data-test="invite-submit">
        {isPending ? 'Sending…' : 'Send invitation'}
      </Button>
      {result.serverError ? <StatusMessage tone="error" className="sm:col-span-3">{result.serverError}</StatusMessage> : null}
      {sentTo ? (
        <StatusMessage tone="success" className="sm:col-span-3">
          Invitation sent to {sentTo}. It stays valid for 7 days.
        </StatusMessage>
      ) : null}
    </form>
  )
}
