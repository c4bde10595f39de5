/**
 * The classes of a form field's parts, shared by the Input, Label and FieldError components and by
 * the lean sign-in forms, which render native elements to keep their client JavaScript small.
 */
export const inputClassName =
  'flex h-11 w-full rounded-md border border-input bg-card px-3 text-base text-foreground shadow-xs transition-colors placeholder:text-muted-foreground/80 focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-danger sm:text-sm'

export const labelClassName = 'text-sm font-medium text-foreground'

export const fieldErrorClassName = 'flex items-start gap-1.5 text-sm text-danger'
