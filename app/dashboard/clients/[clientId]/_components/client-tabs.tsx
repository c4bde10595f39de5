import Link from 'next/link'
import { cn } from '@/lib/cn'

export const CLIENT_TABS = ['overview', 'appointments', 'notes', 'documents', 'messages'] as const
export type ClientTab = (typeof CLIENT_TABS)[number]

export const isClientTab = (value: string | undefined): value is ClientTab => CLIENT_TABS.some((t) => t === value)

const TABS: { id: ClientTab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'appointments', label: 'Appointments' },
  { id: 'notes', label: 'Private notes' },
  { id: 'documents', label: 'Documents' },
  { id: 'messages', label: 'Messages' },
]

/** Tabs as links: each tab is its own URL, so it can be shared, reloaded and used without JavaScript. */
export function ClientTabs({ clientId, active }: { clientId: string; active: ClientTab }) {
  return (
    <nav aria-label="Client sections" className="-mx-4 overflow-x-auto border-b border-border px-4 sm:mx-0 sm:px-0">
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
