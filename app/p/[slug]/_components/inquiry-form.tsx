'use client'
import { useActionState, type ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field-error'
import { inputClassName, labelClassName } from '@/components/ui/field-styles'
import { StatusMessage } from '@/components/ui/status-message'
import { sendInquiryFormAction } from '@/lib/inquiries/actions'
import { HONEYPOT_FIELD, UTM_FIELDS, type InquiryFormState, type InquiryFormValues } from '@/lib/inquiries/form-state'
import { INQUIRY_SERVICES } from '@/lib/inquiries/inquiry.schema'

const EMPTY: InquiryFormValues = { name: '', email: '', phone: '', dueDate: '', notPregnantYet: false, services: [], message: '', heardFrom: '' }

function Field({ id, label, required, error, children }: { id: string; label: string; required: boolean; error?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className={labelClassName}>
        {label} {required ? <span className="text-muted-foreground">(required)</span> : <span className="text-muted-foreground">(optional)</span>}
      </label>
      {children}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  )
}

/**
 * The public inquiry form: native fields posting to the server action, so it works before (or
 * without) JavaScript and inside an iframe. The browser checks what it can; the server checks all.
 */
export function InquiryForm({
  slug,
  token,
  required,
  utm,
  referrer,
}: {
  slug: string
  token: string
  required: string[]
  utm: Record<string, string>
  referrer: string
}) {
  const [state, formAction, pending] = useActionState<InquiryFormState, FormData>(sendInquiryFormAction, { status: 'idle', token })
  if (state.status === 'sent') {
    return (
      <div data-test="inquiry-sent">
        <StatusMessage tone="success">
          Thank you, your inquiry was sent. {state.merged ? 'We added it to your earlier one. ' : ''}You will get a confirmation email, and the
          practice will be in touch soon.
        </StatusMessage>
      </div>
    )
  }
  const values = state.status === 'refused' ? state.values : EMPTY
  const errors = state.status === 'refused' ? state.fieldErrors : {}
  const needs = (field: string) => required.includes(field)
  const describedBy = (id: keyof InquiryFormValues) => (errors[id] ? `${id}-error` : undefined)
  return (
    <form action={formAction} className="flex flex-col gap-5" data-test="inquiry-form">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="token" value={state.token} />
      <input type="hidden" name="referrer" value={referrer} />
      {UTM_FIELDS.map((name) => (utm[name] ? <input key={name} type="hidden" name={name} value={utm[name]} /> : null))}
      {state.status === 'refused' ? (
        <div data-test="inquiry-refused">
          <StatusMessage tone="error">{state.message}</StatusMessage>
        </div>
      ) : null}
      <Field id="name" label="Your name" required error={errors.name}>
        <input id="name" name="name" autoComplete="name" required maxLength={200} defaultValue={values.name} aria-invalid={!!errors.name} aria-describedby={describedBy('name')} className={inputClassName} data-test="inquiry-name" />
      </Field>
      <Field id="email" label="Email" required error={errors.email}>
        <input id="email" name="email" type="email" autoComplete="email" inputMode="email" required maxLength={320} defaultValue={values.email} aria-invalid={!!errors.email} aria-describedby={describedBy('email')} className={inputClassName} data-test="inquiry-email" />
      </Field>
      <Field id="phone" label="Phone" required={needs('phone')} error={errors.phone}>
        <input id="phone" name="phone" type="tel" autoComplete="tel" required={needs('phone')} maxLength={40} defaultValue={values.phone} aria-invalid={!!errors.phone} aria-describedby={describedBy('phone')} className={inputClassName} data-test="inquiry-phone" />
      </Field>
      <div className="flex flex-col gap-2">
        <Field id="dueDate" label="Due date" required={needs('due_date')} error={errors.dueDate}>
          <input id="dueDate" name="dueDate" type="date" defaultValue={values.dueDate} aria-invalid={!!errors.dueDate} aria-describedby={describedBy('dueDate')} className={inputClassName} data-test="inquiry-due-date" />
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="notPregnantYet" defaultChecked={values.notPregnantYet} className="size-4" data-test="inquiry-not-pregnant" />
          Not pregnant yet
        </label>
      </div>
      <fieldset className="flex flex-col gap-2" aria-describedby={describedBy('services')}>
        <legend className={labelClassName}>
          Services you are interested in{' '}
          <span className="text-muted-foreground">{needs('services') ? '(required)' : '(optional)'}</span>
        </legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {INQUIRY_SERVICES.map((service) => (
            <label key={service.value} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="services" value={service.value} defaultChecked={values.services.includes(service.value)} className="size-4" />
              {service.label}
            </label>
          ))}
        </div>
        <FieldError id="services-error" message={errors.services} />
      </fieldset>
      <Field id="message" label="Message" required={needs('message')} error={errors.message}>
        <textarea id="message" name="message" rows={5} required={needs('message')} maxLength={5000} defaultValue={values.message} aria-invalid={!!errors.message} aria-describedby={describedBy('message')} className={`${inputClassName} h-auto py-2`} data-test="inquiry-message" />
      </Field>
      <Field id="heardFrom" label="How did you hear of us?" required={needs('heard_from')} error={errors.heardFrom}>
        <input id="heardFrom" name="heardFrom" required={needs('heard_from')} maxLength={200} defaultValue={values.heardFrom} aria-invalid={!!errors.heardFrom} aria-describedby={describedBy('heardFrom')} className={inputClassName} data-test="inquiry-heard-from" />
      </Field>
      <div className="absolute -left-[9999px] h-px w-px overflow-hidden" aria-hidden>
        <label htmlFor={HONEYPOT_FIELD}>Leave this empty</label>
        <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <Button type="submit" disabled={pending} className="self-start" data-test="inquiry-submit">
        {pending ? 'Sending…' : 'Send inquiry'}
      </Button>
    </form>
  )
}
