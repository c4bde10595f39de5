'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { assignDoulasAction } from '@/lib/team/actions'
import { AssignDoulasSchema } from '@/lib/team/team.schema'
import { SelectField } from '../../../_components/select-field'

export interface AssignDoulasFormProps {
  journeyId: string
  primaryDoulaId: string
  backupDoulaId: string
  members: { id: string; name: string }[]
}

export function AssignDoulasForm({ journeyId, primaryDoulaId, backupDoulaId, members }: AssignDoulasFormProps) {
  const { form, action } = useHookFormAction(assignDoulasAction, zodResolver(AssignDoulasSchema), {
    formProps: { defaultValues: { journeyId, primaryDoulaId, backupDoulaId } },
  })
  const { execute, isPending, result } = action
  const { errors } = form.formState
  const options = [{ value: '', label: 'Not assigned' }, ...members.map((m) => ({ value: m.id, label: m.name }))]
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start"
      onSubmit={form.handleSubmit(() => execute(form.getValues()))}
      data-test="assign-doulas"
    >
      <SelectField id="assignPrimary" label="Primary doula" error={errors.primaryDoulaId?.message} options={options} {...form.register('primaryDoulaId')} />
      <SelectField id="assignBackup" label="Backup doula" error={errors.backupDoulaId?.message} options={options} {...form.register('backupDoulaId')} />
      <Button type="submit" variant="outline" disabled={isPending} className="sm:mt-7" data-test="assign-doulas-save">
        {isPending ? 'Saving…' : 'Save'}
      </Button>
      {result.serverError ? <StatusMessage tone="error" className="sm:col-span-3">{result.serverError}</StatusMessage> : null}
      {result.data ? (
        <StatusMessage tone="success" className="sm:col-span-3">
          Doulas saved.
        </StatusMessage>
      ) : null}
    </form>
  )
}
