import type { ComponentProps } from 'react'
import { cn } from '@/components/ui/cn'
import { inputClassName } from './field-styles'

export function Input({ className, type = 'text', ...props }: ComponentProps<'input'>) {
  return (
    <input
      type={type}
      className={cn(inputClassName, className)}
      {...props}
    />
  )
}
