'use client'
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react'
import { useWatch, type UseFormReturn } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field-error'
import { inputClassName, labelClassName } from '@/components/ui/field-styles'
import { cn } from '@/components/ui/cn'
import { FIELD_TYPE_LABELS, FIELD_TYPES, isChoiceType, RECORD_TARGET_LABELS, RECORD_TARGETS, TARGET_FIELD_TYPES, type FieldType, type FormKind } from '@/lib/paperwork/fields'
import type { TemplateInput } from '@/lib/paperwork/template.schema'
import { selectClassName } from '../../../_components/select-field'

interface Props {
  form: UseFormReturn<TemplateInput>
  index: number
  count: number
  kind: FormKind
  onMove: (from: number, to: number) => void
  onRemove: (index: number) => void
}

/** One question of the builder. Alt+↑ and Alt+↓ anywhere in it move it, as the buttons do. */
export function FieldEditor({ form, index, count, kind, onMove, onRemove }: Props) {
  const base = `fields.${index}` as const
  const [type, label] = useWatch({ control: form.control, name: [`${base}.type`, `${base}.label`] }) as [FieldType, string]
  const errors = form.formState.errors.fields?.[index]
  const id = `field-${index}`
  const name = label?.trim() ? `“${label.trim().slice(0, 60)}”` : `question ${index + 1}`
  const targets = RECORD_TARGETS.filter((t) => TARGET_FIELD_TYPES[t].includes(type))
  const move = (to: number) => {
    if (to >= 0 && to < count) onMove(index, to)
  }
  return (
    <li
      className="rounded-lg border border-border bg-card p-4"
      data-test="builder-field"
      data-type={type}
      onKeyDown={(event) => {
        if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return
        event.preventDefault()
        move(event.key === 'ArrowUp' ? index - 1 : index + 1)
      }}
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium text-muted-foreground">
          {index + 1}. {FIELD_TYPE_LABELS[type]}
        </p>
        <div className="flex items-center gap-1">
          <Button id={`${id}-up`} variant="ghost" size="sm" disabled={index === 0} onClick={() => move(index - 1)} aria-keyshortcuts="Alt+ArrowUp" data-test="field-move-up">
            <ArrowUp aria-hidden />
            <span className="sr-only">Move {name} up</span>
          </Button>
          <Button id={`${id}-down`} variant="ghost" size="sm" disabled={index === count - 1} onClick={() => move(index + 1)} aria-keyshortcuts="Alt+ArrowDown" data-test="field-move-down">
            <ArrowDown aria-hidden />
            <span className="sr-only">Move {name} down</span>
          </Button>
          <Button variant="ghost" size="sm" className="text-danger hover:text-danger" onClick={() => onRemove(index)} data-test="field-remove">
            <Trash2 aria-hidden />
            <span className="sr-only">Remove {name}</span>
          </Button>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-type`} className={labelClassName}>
            Kind
          </label>
          <select id={`${id}-type`} className={selectClassName} {...form.register(`${base}.type`)} data-test="field-type">
            {FIELD_TYPES.map((t) => (
              <option key={t} value={t}>
                {FIELD_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-label`} className={labelClassName}>
            {type === 'heading' ? 'Heading' : type === 'consent' ? 'What she agrees to' : 'Question'}
          </label>
          <textarea
            id={`${id}-label`}
            rows={type === 'consent' ? 3 : 1}
            maxLength={500}
            className={cn(inputClassName, 'h-auto min-h-11 py-2')}
            aria-invalid={errors?.label ? true : undefined}
            aria-describedby={errors?.label ? `${id}-label-error` : undefined}
            {...form.register(`${base}.label`)}
            data-test="field-label"
          />
          <FieldError id={`${id}-label-error`} message={errors?.label?.message} />
        </div>
      </div>
      <div className="mt-3 flex flex-col gap-1.5">
        <label htmlFor={`${id}-help`} className={labelClassName}>
          Help text (optional)
        </label>
        <input id={`${id}-help`} maxLength={500} className={inputClassName} {...form.register(`${base}.help`)} />
        <FieldError id={`${id}-help-error`} message={errors?.help?.message} />
      </div>
      {isChoiceType(type) ? (
        <div className="mt-3 flex flex-col gap-1.5">
          <label htmlFor={`${id}-options`} className={labelClassName}>
            Choices, one per line
          </label>
          <textarea
            id={`${id}-options`}
            rows={4}
            className={cn(inputClassName, 'h-auto py-2')}
            aria-invalid={errors?.options ? true : undefined}
            aria-describedby={errors?.options ? `${id}-options-error` : undefined}
            {...form.register(`${base}.options`)}
            data-test="field-options"
          />
          <FieldError id={`${id}-options-error`} message={errors?.options?.message} />
        </div>
      ) : null}
      {type !== 'heading' ? (
        <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
          <label htmlFor={`${id}-required`} className="flex items-center gap-2 text-sm font-medium">
            <input id={`${id}-required`} type="checkbox" className="size-5 accent-primary" {...form.register(`${base}.required`)} data-test="field-required" />
            {type === 'consent' ? 'She must tick it' : 'She must answer it'}
          </label>
          {kind === 'intake' && targets.length > 0 ? (
            <div className="flex flex-col gap-1.5 sm:w-64">
              <label htmlFor={`${id}-maps`} className={labelClassName}>
                Can update her record
              </label>
              <select
                id={`${id}-maps`}
                className={selectClassName}
                aria-invalid={errors?.mapsTo ? true : undefined}
                aria-describedby={errors?.mapsTo ? `${id}-maps-error` : undefined}
                {...form.register(`${base}.mapsTo`)}
              >
                <option value="">No</option>
                {targets.map((t) => (
                  <option key={t} value={t}>
                    {RECORD_TARGET_LABELS[t]}
                  </option>
                ))}
              </select>
              <FieldError id={`${id}-maps-error`} message={errors?.mapsTo?.message} />
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  )
}
