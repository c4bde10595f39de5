'use client'
import Link from 'next/link'
import { useEffect, useRef } from 'react'
import { cn } from '@/components/ui/cn'

import type { ClientTab } from './client-tab'

const TABS: { id: ClientTab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'appointments', label: 'Appointments' },
  { id: 'notes', label: 'Private notes' },
  { id: 'paperwork', label: 'Paperwork' },
  { id: 'documents', label: 'Documents' },
  { id: 'messages', label: 'Messages' },
]

/** Tabs as links: each tab is its own URL, so it can be shared, reloaded and used without JavaScript. */
export function ClientTabs({ clientId, active }: { clientId: string; active: ClientTab }) {
  const nav = useRef<HTMLElement>(null)
  // On a phone the tabs overflow sideways: bring the current one into view without moving the page vertically.
  useEffect(() => {
    const bar = nav.current
    const current = bar?.querySelector<HTMLElement>('[aria-current="page"]')
    if (!bar || !current) return
    const overflow = current.getBoundingClientRect().right - bar.getBoundingClientRect().right
    if (overflow > 0) bar.scrollLeft += overflow + 16
  }, [active])
  return (
    <nav ref={nav} aria-label="Client sections" className="-mx-4 overflow-x-auto border-b border-border px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {TABS.map((t) => (
          <li key={t.id}>
            <Link
              href={t.id === 'overview' ? `/dashboard/clients/${clientId}` : `/dashboard/clients/${clientId}?tab=${t.id}`}
              aria-current={t.id === active ? 'page' : undefined}
              data-test={`client-tab-${t.id}`}
              className={cn(
                'inline-flex h-11 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap',
                t.id === active ? 'border-primary text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
              )}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
