'use client'
import { NavLinks } from '@/components/shell/nav-links'
import { PORTAL_HOME, portalNav } from './nav-items'

/** The portal's nav, built on the client: its icons are components and cannot cross from a server layout. */
export function PortalNav({ layout }: { layout: 'inline' | 'tabs' }) {
  return <NavLinks items={portalNav} homeHref={PORTAL_HOME} layout={layout} />
}
