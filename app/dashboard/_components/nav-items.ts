import { CalendarDays, MessagesSquare, Settings, Sun, Users, UsersRound } from 'lucide-react'
import type { NavItem } from '@/components/shell/nav-links'

export const DASHBOARD_HOME = '/dashboard'

export const dashboardNav: NavItem[] = [
  { href: DASHBOARD_HOME, label: 'Today', icon: Sun },
  { href: '/dashboard/clients', label: 'Clients', icon: Users },
  { href: '/dashboard/calendar', label: 'Calendar', icon: CalendarDays },
  { href: '/dashboard/messages', label: 'Messages', icon: MessagesSquare },
  { href: '/dashboard/team', label: 'Team', icon: UsersRound },
  { href: '/dashboard/settings', label: 'Settings', icon: Settings },
]
