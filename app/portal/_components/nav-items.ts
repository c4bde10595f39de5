import type { NavItem } from '@/components/shell/nav-links'

export const PORTAL_HOME = '/portal'

export const portalNav: NavItem[] = [
  { href: PORTAL_HOME, label: 'Home', icon: 'home' },
  { href: '/portal/appointments', label: 'Appointments', icon: 'calendar' },
  { href: '/portal/documents', label: 'Documents', icon: 'document' },
  { href: '/portal/messages', label: 'Messages', icon: 'chat' },
  { href: '/portal/profile', label: 'Profile', icon: 'profile' },
]
