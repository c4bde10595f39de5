import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { cn } from '@/components/ui/cn'

/** What an empty screen shows: what will live here, and the next step to fill it. */
export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  className,
  ...rest
}: {
  icon: LucideIcon
  title: string
  description: string
  action?: ReactNode
  className?: string
  'data-test'?: string
}) {
  return (
    <div
      className={cn(
        'flex flex-col items-center rounded-xl border border-dashed border-input bg-card/60 px-6 py-12 text-center',
        className,
      )}
      {...rest}
    >
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-accent text-accent-foreground">
        <Icon aria-hidden className="size-6" />
      </div>
      <h2 className="text-base font-semibold">{title}</h2>
      <p className="mt-1.5 max-w-md text-sm text-muted-foreground">{description}</p>
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  )
}
