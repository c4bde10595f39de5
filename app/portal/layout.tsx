import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { Logo } from '@/components/logo'
import { AccountMenu } from '@/components/shell/account-menu'
import { listMemberships } from '@/lib/server/membership'
import { requirePortalContext } from '@/lib/server/portal-context'
import { PORTAL_HOME } from './_components/nav-items'
import { PortalNav } from './_components/portal-nav'
import { PracticePicker } from './_components/practice-picker'

export const metadata: Metadata = { title: { default: 'Your portal', template: '%s · DoulaOS' }, robots: { index: false } }

/** The expectant client's space: a top bar on every screen, tabs at the bottom on phones. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { user, db, records, active } = await requirePortalContext()
  const isMemberToo = (await listMemberships(db, user.id)).length > 0
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-30 border-b border-border bg-background/95 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-4xl items-center justify-between gap-3 px-4 sm:px-6">
          <Logo href={PORTAL_HOME} />
          <nav aria-label="Portal" className="hidden md:block">
            <PortalNav layout="inline" />
          </nav>
          <div className="flex items-center gap-2">
            {records.length > 1 ? (
              <PracticePicker practices={records.map((r) => ({ id: r.practiceId, name: r.practiceName }))} activeId={active.practiceId} />
            ) : null}
            <AccountMenu
              email={user.email ?? 'Your account'}
              name={user.fullName}
              switchTo={isMemberToo ? { href: '/dashboard', label: 'My practice dashboard' } : undefined}
            />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 pt-8 pb-28 sm:px-6 md:pb-12">
        {children}
      </main>
      <nav aria-label="Portal" className="fixed inset-x-0 bottom-0 z-30 border-t border-border bg-card md:hidden">
        <PortalNav layout="tabs" />
      </nav>
    </div>
  )
}
