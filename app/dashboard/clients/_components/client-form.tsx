'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { useAction } from 'next-safe-action/hooks'
import { useRouter } from 'next/navigation'
import { useEffect } from 'react'
import { useWatch } from 'react-hook-form'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { useFocusRefusedField } from '@/components/use-focus-refused-field'
import { checkCapacityAction, saveClientAction } from '@/lib/clients/actions'
import { SaveClientSchema, type ClientFormInput } from '@/lib/clients/client.schema'
import { isCalendarDate } from '@/lib/dates/calendar-date'
import { SelectField } from '../../_components/select-field'
import { CapacityPanel } from './capacity-panel'
import { BOOKED_STATUSES, JOURNEY_STATUS_LABELS, JOURNEY_STATUSES } from '@/lib/journeys/journey.schema'

export interface ClientFormProps {
  members: { id: string; name: string }[]
  /** Present when editing: the client and her current journey. */
  existing?: { clientId: string; journeyId: string | null; values: ClientFormInput }
}

const EMPTY: ClientFormInput = {
  firstName: '',
  lastName: '',
  preferredName: '',
  pronouns: '',
  email: '',
  phone: '',
  dueDate: '',
  status: 'booked',
  primaryDoulaId: '',
  backupDoulaId: '',
  acceptCapacityWarning: false,
}

const FIELD_ORDER = Object.keys(EMPTY) as (keyof ClientFormInput)[]

export function ClientForm({ members, existing }: ClientFormProps) {
  const router = useRouter()
  const { form, action: save } = useHookFormAction(saveClientAction, zodResolver(SaveClientSchema), {
    formProps: { defaultValues: existing ? { ...existing.values, clientId: existing.clientId } : EMPTY },
    actionProps: { onSuccess: ({ data }) => router.push(`/dashboard/clients/${data.clientId}`) },
  })
  const { errors } = form.formState
  useFocusRefusedField(form, FIELD_ORDER, save.result.validationErrors)
  const capacity = useAction(checkCapacityAction)
  const { execute: checkCapacity, reset: resetCapacity } = capacity

  const [dueDate, status] = useWatch({ control: form.control, name: ['dueDate', 'status'] })
  const journeyId = existing?.journeyId ?? undefined
  useEffect(() => {
    if (!isCalendarDate(dueDate)) return resetCapacity()
    // Wait until the doula stops typing in the date field before asking the server.
    const timer = setTimeout(() => checkCapacity({ dueDate, journeyId }), 300)
    return () => clearTimeout(timer)
  }, [dueDate, journeyId, checkCapacity, resetCapacity])

  const report = capacity.result.data
  const mustConfirm = Boolean(report?.exceeded && BOOKED_STATUSES.includes(status))
  const pending = save.isPending
  const serverError = save.result.serverError
  const memberOptions = [{ value: '', label: 'Not assigned' }, ...members.map((m) => ({ value: m.id, label: m.name }))]

  return (
    <form
      noValidate
      data-test="client-form"
      className="flex flex-col gap-8"
      // The action re-validates the raw input with the same schema, so the form sends what the fields hold.
      onSubmit={form.handleSubmit(() => save.execute(form.getValues()))}
    >
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-3 text-base font-semibold">About her</legend>
        <FormField id="firstName" label="First name" autoComplete="off" data-test="client-first-name" error={errors.firstName?.message} {...form.register('firstName')} />
        <FormField id="lastName" label="Last name" autoComplete="off" data-test="client-last-name" error={errors.lastName?.message} {...form.register('lastName')} />
        <FormField id="preferredName" label="Preferred name (optional)" autoComplete="off" error={errors.preferredName?.message} {...form.register('preferredName')} />
        <FormField id="pronouns" label="Pronouns (optional)" autoComplete="off" error={errors.pronouns?.message} {...form.register('pronouns')} />
        <FormField id="email" label="Email (optional)" type="email" inputMode="email" autoComplete="off" data-test="client-email" error={errors.email?.message} {...form.register('email')} />
        <FormField id="phone" label="Phone (optional)" type="tel" autoComplete="off" error={errors.phone?.message} {...form.register('phone')} />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-3 text-base font-semibold">Her pregnancy</legend>
        <FormField id="dueDate" label="Due date" type="date" data-test="client-due-date" error={errors.dueDate?.message} {...form.register('dueDate')} />
        <SelectField
          id="status"
          label="Status"
          data-test="client-status"
          error={errors.status?.message}
          options={JOURNEY_STATUSES.map((s) => ({ value: s, label: JOURNEY_STATUS_LABELS[s] }))}
          {...form.register('status')}
        />
        <SelectField id="primaryDoulaId" label="Primary doula" data-test="client-primary-doula" error={errors.primaryDoulaId?.message} options={memberOptions} {...form.register('primaryDoulaId')} />
        <SelectField id="backupDoulaId" label="Backup doula" error={errors.backupDoulaId?.message} options={memberOptions} {...form.register('backupDoulaId')} />
        {report ? (
          <div className="sm:col-span-2">
            <CapacityPanel report={report} mustConfirm={mustConfirm}>
              {mustConfirm ? (
                <label className="mt-3 flex items-start gap-2 text-sm font-medium">
                  <input type="checkbox" className="mt-0.5 size-4 accent-primary" data-test="client-accept-capacity" {...form.register('acceptCapacityWarning')} />
                  Book her anyway; I have checked my backup cover.
                </label>
              ) : null}
            </CapacityPanel>
          </div>
        ) : null}
      </fieldset>

      {serverError ? <StatusMessage tone="error">{serverError}</StatusMessage> : null}
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button variant="outline" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending} data-test="client-submit">
          {pending ? 'Saving…' : existing ? 'Save changes' : 'Add client'}
        </Button>
      </div>
    </form>
  )
}

