import { CircleAlert } from 'lucide-react'
import { cn } from '@/components/ui/cn'
import { fieldErrorClassName } from './field-styles'

/** A field's error, linked to its input through `aria-describedby={id}`. Renders nothing when valid. */
export function FieldError({ id, message, className }: { id: string; message?: string; className?: string }) {
  if (!message) return null
  return (
    <p id={id} className={cn(fieldErrorClassName, className)}>
      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      {message}
    </p>
  )
}
