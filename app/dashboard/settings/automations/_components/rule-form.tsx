'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { addRuleAction } from '@/lib/automations/actions'
import { RULE_STATUSES, RuleFormSchema } from '@/lib/automations/rule.schema'
import { JOURNEY_STATUS_LABELS } from '@/lib/journeys/journey.schema'
import { SelectField } from '../../../_components/select-field'

export function RuleForm({ templates }: { templates: { value: string; label: string }[] }) {
  const { form, action } = useHookFormAction(addRuleAction, zodResolver(RuleFormSchema), {
    formProps: { defaultValues: { onStatus: 'booked', action: 'create_task', templateId: '', taskTitle: '' } },
  })
  const { errors } = form.formState
  const kind = form.watch('action')
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit(async () => {
        const result = await action.executeAsync(form.getValues())
        if (result.data) form.reset()
      })} data-test="automation-rule-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id="onStatus"
          label="When a journey becomes"
          options={RULE_STATUSES.map((s) => ({ value: s, label: JOURNEY_STATUS_LABELS[s] }))}
          error={errors.onStatus?.message}
          {...form.register('onStatus')}
        />
        <SelectField
          id="action"
          label="Do this"
          options={[
            { value: 'create_task', label: 'Add a to-do for her primary doula' },
            { value: 'send_form', label: 'Send her a form or agreement' },
          ]}
          error={errors.action?.message}
          {...form.register('action')}
        />
      </div>
      {kind === 'send_form' ? (
        <SelectField
          id="templateId"
          label="Form to send"
          options={[{ value: '', label: 'Choose a form…' }, ...templates]}
          error={errors.templateId?.message}
          {...form.register('templateId')}
        />
      ) : (
        <FormField id="taskTitle" label="To-do" maxLength={200} error={errors.taskTitle?.message} {...form.register('taskTitle')} />
      )}
      {action.result.serverError ? <StatusMessage tone="error">{action.result.serverError}</StatusMessage> : null}
      {action.hasSucceeded ? <StatusMessage tone="success">Rule added.</StatusMessage> : null}
      <Button type="submit" disabled={action.isPending} className="self-start" data-test="automation-rule-add">
        {action.isPending ? 'Adding…' : 'Add rule'}
      </Button>
    </form>
  )
}
