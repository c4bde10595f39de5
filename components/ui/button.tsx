import { Slot } from 'radix-ui'
import type { ComponentProps } from 'react'
import { cn } from '@/components/ui/cn'
import { buttonVariants, type ButtonVariantProps } from './button-variants'

export { buttonVariants } from './button-variants'

export interface ButtonProps extends ComponentProps<'button'>, ButtonVariantProps {
  /** Renders the child element (e.g. a Link) with button styling instead of a <button>. */
  asChild?: boolean
}

export function Button({ className, variant, size, asChild = false, type, ...props }: ButtonProps) {
  const Component = asChild ? Slot.Root : 'button'
  return (
    <Component
      className={cn(buttonVariants({ variant, size }), className)}
      type={asChild ? undefined : (type ?? 'button')}
      {...props}
    />
  )
}
