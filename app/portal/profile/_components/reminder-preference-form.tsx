'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { CheckboxField } from '@/app/dashboard/_components/checkbox-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { updateReminderPreferenceAction } from '@/lib/portal/portal-actions'
import { ReminderPreferenceSchema, type ReminderPreference } from '@/lib/portal/profile.schema'

export function ReminderPreferenceForm({ defaults }: { defaults: ReminderPreference }) {
  const { form, action } = useHookFormAction(updateReminderPreferenceAction, zodResolver(ReminderPreferenceSchema), {
    formProps: { defaultValues: defaults },
  })
  return (
    <form noValidate onSubmit={form.handleSubmit(() => action.execute(form.getValues()))} className="flex flex-col gap-4" data-test="reminder-form">
      <CheckboxField
        id="appointmentReminders"
        label="Email me before each appointment"
        hint="A reminder with a calendar file, the day before (or as your doula set it)."
        data-test="appointment-reminders"
        {...form.register('appointmentReminders')}
      />
      {action.result.serverError ? <StatusMessage tone="error">{action.result.serverError}</StatusMessage> : null}
      {action.hasSucceeded ? <StatusMessage tone="success">Your choice is saved.</StatusMessage> : null}
      <Button type="submit" disabled={action.isPending} className="self-start" data-test="reminder-save">
        {action.isPending ? 'Saving…' : 'Save choice'}
      </Button>
    </form>
  )
}
