import type { NavItem } from '@/components/shell/nav-links'

export const DASHBOARD_HOME = '/dashboard'

export const dashboardNav: NavItem[] = [
  { href: DASHBOARD_HOME, label: 'Today', icon: 'today' },
  { href: '/dashboard/clients', label: 'Clients', icon: 'clients' },
  { href: '/dashboard/calendar', label: 'Calendar', icon: 'calendar' },
  { href: '/dashboard/messages', label: 'Messages', icon: 'messages' },
  { href: '/dashboard/team', label: 'Team', icon: 'team' },
  { href: '/dashboard/settings', label: 'Settings', icon: 'settings' },
]
