'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { saveReminderSettingsAction } from '@/lib/appointments/actions'
import { ReminderSettingsSchema, type ReminderSettingsInput } from '@/lib/appointments/reminder-settings.schema'

export function ReminderSettingsForm({ defaults }: { defaults: ReminderSettingsInput }) {
  const { form, action } = useHookFormAction(saveReminderSettingsAction, zodResolver(ReminderSettingsSchema), {
    formProps: { defaultValues: defaults },
  })
  const { errors } = form.formState
  return (
    <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit(() => action.execute(form.getValues()))} data-test="reminder-settings-form">
      <div className="sm:max-w-xs">
        <FormField
          id="hoursBefore"
          label="Hours before the appointment"
          type="number"
          inputMode="numeric"
          min={1}
          max={168}
          error={errors.hoursBefore?.message}
          {...form.register('hoursBefore')}
        />
      </div>
      {action.result.serverError ? <StatusMessage tone="error">{action.result.serverError}</StatusMessage> : null}
      {action.hasSucceeded ? <StatusMessage tone="success">Saved.</StatusMessage> : null}
      <Button type="submit" disabled={action.isPending} className="self-start" data-test="reminder-settings-save">
        {action.isPending ? 'Saving…' : 'Save'}
      </Button>
    </form>
  )
}
