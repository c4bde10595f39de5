'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { CalendarX2 } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useEffect, useId, useState } from 'react'
import { useWatch } from 'react-hook-form'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field-error'
import { StatusMessage } from '@/components/ui/status-message'
import { useFocusRefusedField } from '@/components/use-focus-refused-field'
import { checkConflictsAction, saveAppointmentAction } from '@/lib/appointments/actions'
import { APPOINTMENT_KIND_LABELS, APPOINTMENT_KINDS, type AppointmentFormInput, AppointmentFormSchema, appointmentKindLabel, wallClockMinutes } from '@/lib/appointments/appointment.schema'
import { formatTimeRange } from '@/lib/appointments/time-range'
import { addDays, diffDays, isCalendarDate } from '@/lib/dates/calendar-date'
import type { DateFormat } from '@/lib/dates/zoned-format'
import { SelectField } from '../../_components/select-field'

type FieldName = keyof AppointmentFormInput
type Option = { value: string; label: string }

/** "Tue, Dec 1, 10:00 AM" for a clashing booking's start; its end follows as a time (or day and time). */
const CONFLICT_START: DateFormat = { locale: 'en-US', options: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' } }

export interface AppointmentFormProps {
  values: AppointmentFormInput
  timeZone: string
  members: Option[]
  /** Offered when booking from the calendar; a client's own page passes none. */
  clients?: Option[]
  onSaved: () => void
  onCancel: () => void
}

/**
 * The end's fields carry the "ends after it starts" message: once the form has been submitted, a change
 * to any part of the span re-judges them, so fixing the end date clears a message shown on the end time.
 */
const SPAN_ENDS: FieldName[] = ['endDate', 'endTime']

const FIELDS: FieldName[] = ['clientId', 'kind', 'date', 'startTime', 'endDate', 'endTime', 'doulaId', 'location', 'videoUrl', 'bookAnyway']

/**
 * Book or edit an appointment. Dates and times are the practice's wall clock; while the slot and the
 * doula are filled in, her overlapping bookings are shown and must be confirmed before saving. The end
 * date moves with the start date, keeping the span (a same-day visit stays same-day, an overnight birth
 * stays overnight), as calendar apps do.
 */
export function AppointmentForm({ values, timeZone, members, clients, onSaved, onCancel }: AppointmentFormProps) {
  const id = useId()
  const { form, action: save } = useHookFormAction(saveAppointmentAction, zodResolver(AppointmentFormSchema), {
    formProps: { defaultValues: values },
    actionProps: { onSuccess: onSaved },
  })
  const { errors } = form.formState
  useFocusRefusedField(form, FIELDS, save.result.validationErrors)
  const conflicts = useAction(checkConflictsAction)
  const { execute: checkConflicts, reset: resetConflicts } = conflicts
  const [date, startTime, endDate, endTime, doulaId] = useWatch({ control: form.control, name: ['date', 'startTime', 'endDate', 'endTime', 'doulaId'] })
  const appointmentId = values.appointmentId
  useEffect(() => {
    // Asked only for a real span (the server would answer an end before the start with nothing).
    const minutes = wallClockMinutes({ date, startTime, endDate, endTime })
    if (!doulaId || minutes === null || minutes <= 0) return resetConflicts()
    const timer = setTimeout(() => checkConflicts({ appointmentId, date, startTime, endDate, endTime, doulaId }), 300)
    return () => clearTimeout(timer)
  }, [appointmentId, date, startTime, endDate, endTime, doulaId, checkConflicts, resetConflicts])

  // The last valid start date: a date input passes through partial values while typed.
  const [lastStartDate, setLastStartDate] = useState(values.date)
  const followStartDate = (next: string) => {
    const previous = lastStartDate
    if (!isCalendarDate(next)) return
    setLastStartDate(next)
    const end = form.getValues('endDate')
    if (isCalendarDate(previous) && isCalendarDate(end)) form.setValue('endDate', addDays(end, diffDays(previous, next)))
  }

  const overlapping = conflicts.result.data ?? []
  const zoneLabel = timeZone.replaceAll('_', ' ')

  return (
    <form
      noValidate
      data-test="appointment-form"
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={form.handleSubmit(() => save.execute({ ...form.getValues(), bookAnyway: overlapping.length > 0 && form.getValues('bookAnyway') }))}
    >
      {clients ? (
        <div className="sm:col-span-2">
          <SelectField
            id={`${id}-client`}
            label="Client"
            data-test="appointment-client"
            error={errors.clientId?.message}
            options={[{ value: '', label: 'Choose a client' }, ...clients]}
            {...form.register('clientId')}
          />
        </div>
      ) : null}
      <SelectField
        id={`${id}-kind`}
        label="Kind"
        data-test="appointment-kind"
        error={errors.kind?.message}
        options={APPOINTMENT_KINDS.map((k) => ({ value: k, label: APPOINTMENT_KIND_LABELS[k] }))}
        {...form.register('kind')}
      />
      <SelectField
        id={`${id}-doula`}
        label="Doula"
        data-test="appointment-doula"
        error={errors.doulaId?.message}
        options={[{ value: '', label: 'Not assigned' }, ...members]}
        {...form.register('doulaId')}
      />
      <div className="grid grid-cols-2 gap-4 sm:col-span-2">
        <FormField
          id={`${id}-date`}
          label="Start date"
          type="date"
          data-test="appointment-date"
          error={errors.date?.message}
          {...form.register('date', { deps: SPAN_ENDS, onChange: (e: { target: HTMLInputElement }) => followStartDate(e.target.value) })}
        />
        <FormField id={`${id}-start`} label="Starts" type="time" data-test="appointment-start" error={errors.startTime?.message} {...form.register('startTime', { deps: SPAN_ENDS })} />
        <FormField id={`${id}-end-date`} label="End date" type="date" data-test="appointment-end-date" error={errors.endDate?.message} {...form.register('endDate', { deps: ['endTime'] })} />
        <FormField id={`${id}-end`} label="Ends" type="time" data-test="appointment-end" error={errors.endTime?.message} {...form.register('endTime', { deps: ['endDate'] })} />
      </div>
      <p className="-mt-2 text-sm text-muted-foreground sm:col-span-2">Times are in {zoneLabel} time, the practice&apos;s time zone.</p>

      {overlapping.length > 0 ? (
        <div role="alert" data-test="appointment-conflict" className="rounded-lg border border-danger/40 bg-danger-soft p-4 text-sm sm:col-span-2">
          <p className="flex items-start gap-2 font-medium">
            <CalendarX2 aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
            This doula is already booked then.
          </p>
          <ul className="mt-2 flex flex-col gap-1 pl-6">
            {overlapping.map((c) => (
              <li key={c.id}>
                {appointmentKindLabel(c.kind)} with {c.clientName}, {formatTimeRange(c.startsAt, c.endsAt, timeZone, CONFLICT_START)}
              </li>
            ))}
          </ul>
          <label className="mt-3 flex items-start gap-2 font-medium">
            <input type="checkbox" className="mt-0.5 size-4 accent-primary" data-test="appointment-book-anyway" {...form.register('bookAnyway')} />
            Book anyway; the times really overlap.
          </label>
          <FieldError id={`${id}-book-anyway-error`} message={errors.bookAnyway?.message} className="mt-2" />
        </div>
      ) : (
        errors.bookAnyway?.message ? <StatusMessage tone="error" className="sm:col-span-2">{errors.bookAnyway.message}</StatusMessage> : null
      )}

      <FormField id={`${id}-location`} label="Place (optional)" autoComplete="off" error={errors.location?.message} {...form.register('location')} />
      <FormField id={`${id}-video`} label="Video link (optional)" type="url" inputMode="url" placeholder="https://" error={errors.videoUrl?.message} {...form.register('videoUrl')} />
      <label className="flex items-start gap-2 text-sm font-medium sm:col-span-2">
        <input type="checkbox" className="mt-0.5 size-4 accent-primary" {...form.register('sharedWithClient')} />
        Show it in her portal
      </label>

      {save.result.serverError ? <StatusMessage tone="error" className="sm:col-span-2">{save.result.serverError}</StatusMessage> : null}
      <div className="flex flex-col-reverse gap-3 sm:col-span-2 sm:flex-row sm:justify-end">
        <Button variant="outline" onClick={onCancel}>
          Close
        </Button>
        <Button type="submit" disabled={save.isPending} data-test="appointment-submit">
          {save.isPending ? 'Saving…' : values.appointmentId ? 'Save changes' : 'Book appointment'}
        </Button>
      </div>
    </form>
  )
}
