import Link from 'next/link'
import { cn } from '@/components/ui/cn'

/** The DoulaOS mark and wordmark, linking home. */
export function Logo({ href = '/', className }: { href?: string; className?: string }) {
  return (
    <Link href={href} className={cn('inline-flex items-center gap-2 font-semibold tracking-tight', className)}>
      <svg aria-hidden viewBox="0 0 32 32" className="size-7">
        <rect width="32" height="32" rx="8" fill="var(--color-primary)" />
        <path d="M16 8c-4.4 0-8 3.4-8 7.6C8 21 16 25 16 25s8-4 8-9.4C24 11.4 20.4 8 16 8z" fill="#faf7f2" />
        <circle cx="16" cy="15" r="3" fill="var(--color-primary)" />
      </svg>
      <span className="text-lg">DoulaOS</span>
    </Link>
  )
}
