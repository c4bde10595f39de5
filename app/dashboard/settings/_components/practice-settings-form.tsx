'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import type { z } from 'zod'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { updatePracticeSettingsAction } from '@/lib/practice/actions'
import { PracticeSettingsSchema } from '@/lib/practice/settings.schema'
import { timeZoneLabel } from '@/lib/practice/time-zones'
import { SelectField } from '../../_components/select-field'

type Input = z.input<typeof PracticeSettingsSchema>

/** The practice's details, for owners and admins. `timeZones` comes from the server, which validates against it. */
export function PracticeSettingsForm({ defaults, timeZones }: { defaults: Input; timeZones: string[] }) {
  const { form, action } = useHookFormAction(updatePracticeSettingsAction, zodResolver(PracticeSettingsSchema), {
    formProps: { defaultValues: defaults },
    actionProps: {
      onSuccess() {
        form.reset(form.getValues())
      },
    },
  })
  const { execute, isPending, result, hasSucceeded } = action
  const { errors, isDirty } = form.formState
  return (
    <form
      noValidate
      className="flex flex-col gap-6"
      onSubmit={form.handleSubmit(() => execute(form.getValues()))}
      data-test="practice-settings-form"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="name" label="Practice name" autoComplete="organization" error={errors.name?.message} {...form.register('name')} />
        <FormField
          id="slug"
          label="Practice address"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          placeholder="harbor-doulas"
          error={errors.slug?.message}
          {...form.register('slug')}
        />
        <SelectField
          id="timeZone"
          label="Time zone"
          error={errors.timeZone?.message}
          options={timeZones.map((z) => ({ value: z, label: timeZoneLabel(z) }))}
          {...form.register('timeZone')}
        />
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-semibold">On-call window</legend>
        <p className="text-sm text-muted-foreground">The weeks of pregnancy you are on call for a client, unless her journey says otherwise.</p>
        <div className="grid grid-cols-2 gap-4 sm:max-w-sm">
          <FormField id="onCallStartWeek" label="From week" type="number" inputMode="numeric" min={20} max={44} error={errors.onCallStartWeek?.message} {...form.register('onCallStartWeek')} />
          <FormField id="onCallEndWeek" label="To week" type="number" inputMode="numeric" min={20} max={44} error={errors.onCallEndWeek?.message} {...form.register('onCallEndWeek')} />
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-semibold">Capacity rule</legend>
        <p className="text-sm text-muted-foreground">We warn you before booking a client who would break it.</p>
        <div className="grid grid-cols-2 gap-4 sm:max-w-sm">
          <FormField id="capacityMaxDueDates" label="At most (due dates)" type="number" inputMode="numeric" min={1} max={100} error={errors.capacityMaxDueDates?.message} {...form.register('capacityMaxDueDates')} />
          <FormField id="capacityWindowDays" label="Within (days)" type="number" inputMode="numeric" min={1} max={366} error={errors.capacityWindowDays?.message} {...form.register('capacityWindowDays')} />
        </div>
      </fieldset>

      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
      {hasSucceeded && !isDirty ? <StatusMessage tone="success">Your practice settings are saved.</StatusMessage> : null}
      <div>
        <Button type="submit" disabled={isPending} data-test="practice-settings-save">
          {isPending ? 'Saving…' : 'Save settings'}
        </Button>
      </div>
    </form>
  )
}
