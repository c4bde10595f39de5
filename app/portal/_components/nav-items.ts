import { CalendarDays, FileText, House, MessageCircle, UserRound } from 'lucide-react'
import type { NavItem } from '@/components/shell/nav-links'

export const PORTAL_HOME = '/portal'

export const portalNav: NavItem[] = [
  { href: PORTAL_HOME, label: 'Home', icon: House },
  { href: '/portal/appointments', label: 'Appointments', icon: CalendarDays },
  { href: '/portal/documents', label: 'Documents', icon: FileText },
  { href: '/portal/messages', label: 'Messages', icon: MessageCircle },
  { href: '/portal/profile', label: 'Profile', icon: UserRound },
]
