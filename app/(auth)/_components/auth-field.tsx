import type { ComponentProps } from 'react'
import { fieldErrorClassName, inputClassName, labelClassName } from '@/components/ui/field-styles'
import { AlertIcon } from './alert-icon'

/**
 * A labelled native input with its server-side error below it, linked through aria-describedby.
 * The sign-in forms use this instead of FormField: same look, none of tailwind-merge or Radix.
 */
export function AuthField({
  name,
  label,
  error,
  ...inputProps
}: { name: string; label: string; error?: string } & Omit<ComponentProps<'input'>, 'id' | 'name'>) {
  const errorId = `${name}-error`
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={name} className={labelClassName}>
        {label}
      </label>
      <input
        id={name}
        name={name}
        className={inputClassName}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...inputProps}
      />
      {error ? (
        <p id={errorId} className={fieldErrorClassName}>
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          {error}
        </p>
      ) : null}
    </div>
  )
}
