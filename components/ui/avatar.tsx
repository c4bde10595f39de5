'use client'
import { Avatar as AvatarPrimitive } from 'radix-ui'
import { cn } from '@/components/ui/cn'

/** Initials of a name or email, at most two letters. */
export function initialsOf(nameOrEmail: string): string {
  const words = nameOrEmail.split('@')[0]?.split(/[\s._-]+/).filter(Boolean) ?? []
  return (words.slice(0, 2).map((w) => w[0]?.toUpperCase() ?? '').join('') || '?').slice(0, 2)
}

export function Avatar({ name, className }: { name: string; className?: string }) {
  return (
    <AvatarPrimitive.Root
      className={cn('inline-flex size-9 shrink-0 items-center justify-center overflow-hidden rounded-full bg-accent', className)}
    >
      <AvatarPrimitive.Fallback className="text-sm font-semibold text-accent-foreground">
        {initialsOf(name)}
      </AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  )
}
