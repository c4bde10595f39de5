import type { ComponentProps } from 'react'
import { FieldError } from '@/components/ui/field-error'
import { cn } from '@/components/ui/cn'

export const selectClassName =
  'h-11 w-full rounded-md border border-input bg-card px-3 text-base text-foreground shadow-xs focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring aria-invalid:border-danger sm:text-sm'

/** A labelled native select (works without JavaScript and with every screen reader). */
export function SelectField({
  id,
  label,
  error,
  options,
  className,
  ...props
}: { id: string; label: string; error?: string; options: { value: string; label: string }[] } & ComponentProps<'select'>) {
  const errorId = `${id}-error`
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-foreground">
        {label}
      </label>
      <select
        id={id}
        className={cn(selectClassName, className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} message={error} />
    </div>
  )
}
