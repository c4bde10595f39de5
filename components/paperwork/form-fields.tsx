'use client'
import type { FieldErrors, UseFormRegisterReturn } from 'react-hook-form'
import { FieldError } from '@/components/ui/field-error'
import { inputClassName, labelClassName } from '@/components/ui/field-styles'
import { cn } from '@/components/ui/cn'
import { ANSWER_LIMITS } from '@/lib/paperwork/answers.schema'
import type { FormField } from '@/lib/paperwork/fields'

const AUTOCOMPLETE: Partial<Record<NonNullable<FormField['maps_to']>, string>> = {
  phone: 'tel',
  address_line1: 'address-line1',
  address_city: 'address-level2',
  address_region: 'address-level1',
  address_postal_code: 'postal-code',
}

/** The part of a react-hook-form the questions use: her answers live under `answers`, one per field id. */
export interface AnswersForm {
  register: (name: `answers.${string}`) => UseFormRegisterReturn
  formState: { errors: FieldErrors<{ answers: Record<string, unknown> }> }
}

function Required({ field }: { field: FormField }) {
  if (!field.required) return null
  return (
    <>
      <span aria-hidden className="text-danger">
        {' '}
        *
      </span>
      <span className="sr-only"> (required)</span>
    </>
  )
}

function Question({ field, form, idPrefix, disabled }: { field: FormField; form: AnswersForm; idPrefix: string; disabled: boolean }) {
  const id = `${idPrefix}-${field.id}`
  const name: `answers.${string}` = `answers.${field.id}`
  const error = form.formState.errors.answers?.[field.id]?.message
  const errorId = `${id}-error`
  const helpId = `${id}-help`
  const describedBy = [field.help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
  const help = field.help ? (
    <p id={helpId} className="text-sm text-muted-foreground">
      {field.help}
    </p>
  ) : null
  const common = { disabled, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy }

  if (field.type === 'single_choice' || field.type === 'multiple_choice' || field.type === 'yes_no') {
    const options = field.type === 'yes_no' ? [['yes', 'Yes'], ['no', 'No']] : (field.options ?? []).map((o) => [o, o])
    const type = field.type === 'multiple_choice' ? 'checkbox' : 'radio'
    return (
      <fieldset className="flex flex-col gap-2" aria-describedby={describedBy} data-test="question" data-field={field.id}>
        <legend className={cn(labelClassName, 'mb-1')}>
          {field.label}
          <Required field={field} />
        </legend>
        {help}
        <div className={cn('flex gap-2', field.type === 'yes_no' ? 'flex-row' : 'flex-col')}>
          {options.map(([value, label], i) => (
            <label
              key={value}
              htmlFor={`${id}-${i}`}
              className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md border border-input bg-card px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-accent"
            >
              <input id={`${id}-${i}`} type={type} value={value} className="size-5 shrink-0 accent-primary" disabled={disabled} {...form.register(name)} />
              <span>{label}</span>
            </label>
          ))}
        </div>
        <FieldError id={errorId} message={error} />
      </fieldset>
    )
  }

  if (field.type === 'consent') {
    return (
      <div className="flex flex-col gap-1.5" data-test="question" data-field={field.id}>
        <label htmlFor={id} className="flex cursor-pointer items-start gap-3 rounded-md border border-input bg-card p-3 text-sm has-[:checked]:border-primary">
          <input id={id} type="checkbox" className="mt-0.5 size-5 shrink-0 accent-primary" {...common} {...form.register(name)} />
          <span>
            {field.label}
            <Required field={field} />
          </span>
        </label>
        {help}
        <FieldError id={errorId} message={error} />
      </div>
    )
  }

  const max = field.type in ANSWER_LIMITS ? ANSWER_LIMITS[field.type as keyof typeof ANSWER_LIMITS] : 500
  return (
    <div className="flex flex-col gap-1.5" data-test="question" data-field={field.id}>
      <label htmlFor={id} className={labelClassName}>
        {field.label}
        <Required field={field} />
      </label>
      {help}
      {field.type === 'long_text' ? (
        <textarea id={id} rows={4} maxLength={max} className={cn(inputClassName, 'h-auto min-h-24 py-2')} {...common} {...form.register(name)} />
      ) : (
        <input
          id={id}
          type={field.type === 'email' ? 'email' : field.type === 'phone' ? 'tel' : field.type === 'date' ? 'date' : 'text'}
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          autoComplete={field.type === 'email' ? 'email' : (field.maps_to && AUTOCOMPLETE[field.maps_to]) || 'off'}
          maxLength={max}
          className={inputClassName}
          {...common}
          {...form.register(name)}
        />
      )}
      <FieldError id={errorId} message={error} />
    </div>
  )
}

/** A sent form's questions as inputs of one react-hook-form, in the form's order. */
export function FormFields({ fields, form, idPrefix = 'q', disabled = false }: { fields: FormField[]; form: AnswersForm; idPrefix?: string; disabled?: boolean }) {
  return (
    <div className="flex flex-col gap-6">
      {fields.map((field) =>
        field.type === 'heading' ? (
          <div key={field.id} className="mt-2 border-b border-border pb-2 first:mt-0">
            <h3 className="text-lg font-semibold tracking-tight">{field.label}</h3>
            {field.help ? <p className="text-sm text-muted-foreground">{field.help}</p> : null}
          </div>
        ) : (
          <Question key={field.id} field={field} form={form} idPrefix={idPrefix} disabled={disabled} />
        ),
      )}
    </div>
  )
}
