import Link from 'next/link'
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

/**
 * Tabs as links: each tab is its own URL, so it can be shared, reloaded and used without JavaScript.
 * On a phone they wrap onto a second line rather than scroll sideways, so none is hidden off-screen.
 */
export function ClientTabs({ clientId, active }: { clientId: string; active: ClientTab }) {
  return (
    <nav aria-label="Client sections" className="border-b border-border">
      <ul className="flex flex-wrap gap-x-1">
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
