import type { ComponentProps } from 'react'

/** A native checkbox with its label beside it and an optional hint below. */
export function CheckboxField({ id, label, hint, ...props }: { id: string; label: string; hint?: string } & ComponentProps<'input'>) {
  const hintId = `${id}-hint`
  return (
    <div className="flex items-start gap-3">
      <input id={id} type="checkbox" className="mt-0.5 size-5 shrink-0 accent-primary" aria-describedby={hint ? hintId : undefined} {...props} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-foreground">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="text-sm text-muted-foreground">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  )
}
