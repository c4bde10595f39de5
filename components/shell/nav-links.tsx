'use client'
import {
  CalendarDays,
  FileText,
  House,
  MessageCircle,
  MessagesSquare,
  Settings,
  Sun,
  UserRound,
  Users,
  UsersRound,
  type LucideIcon,
} from 'lucide-react'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { cn } from '@/components/ui/cn'

/** Icons by name: server layouts pass names, since components cannot cross into client props. */
const NAV_ICONS = {
  today: Sun,
  clients: Users,
  calendar: CalendarDays,
  messages: MessagesSquare,
  team: UsersRound,
  settings: Settings,
  home: House,
  document: FileText,
  chat: MessageCircle,
  profile: UserRound,
} satisfies Record<string, LucideIcon>

export interface NavItem {
  href: string
  label: string
  icon: keyof typeof NAV_ICONS
}

/** A section is active on its own page and below it; the home item only on itself. */
export function isActive(pathname: string, href: string, homeHref: string): boolean {
  if (href === homeHref) return pathname === href
  return pathname === href || pathname.startsWith(`${href}/`)
}

export function NavLinks({
  items,
  homeHref,
  layout = 'sidebar',
  onNavigate,
}: {
  items: NavItem[]
  homeHref: string
  layout?: 'sidebar' | 'inline' | 'tabs'
  onNavigate?: () => void
}) {
  const pathname = usePathname()
  return (
    <ul className={cn(layout === 'tabs' ? 'grid grid-cols-5' : layout === 'inline' ? 'flex gap-1' : 'flex flex-col gap-0.5')}>
      {items.map(({ href, label, icon }) => {
        const Icon = NAV_ICONS[icon]
        const active = isActive(pathname, href, homeHref)
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? 'page' : undefined}
              data-test={`nav-${label.toLowerCase()}`}
              className={cn(
                layout === 'tabs'
                  ? 'flex flex-col items-center gap-1 py-2 text-[11px] font-medium text-muted-foreground aria-[current=page]:text-primary'
                  : 'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground transition-colors hover:bg-muted hover:text-foreground aria-[current=page]:bg-accent aria-[current=page]:text-accent-foreground',
              )}
            >
              <Icon aria-hidden className={cn(layout === 'tabs' ? 'size-5' : 'size-4', layout === 'inline' && 'hidden lg:block')} />
              {label}
            </Link>
          </li>
        )
      })}
    </ul>
  )
}
