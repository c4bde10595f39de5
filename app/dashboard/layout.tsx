import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { Logo } from '@/components/logo'
import { AccountMenu } from '@/components/shell/account-menu'
import { MobileNav } from '@/components/shell/mobile-nav'
import { NavLinks } from '@/components/shell/nav-links'
import { ACCOUNT_PATH } from '@/lib/account/account.service'
import { hasPortalRecord } from '@/lib/portal/queries'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { BillingBanner } from './_components/billing-banner'
import { FinishSetup } from './_components/finish-setup'
import { DASHBOARD_HOME, dashboardNav } from './_components/nav-items'
import { PracticeSwitcher } from './_components/practice-switcher'

export const metadata: Metadata = { title: { default: 'Today', template: '%s · DoulaOS' }, robots: { index: false } }

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { user, db, memberships, active } = await requireDashboardContext()
  const isClientToo = await hasPortalRecord(db, user.id)
  const email = user.email ?? 'Your account'
  const switcher = active ? (
    <PracticeSwitcher
      practices={memberships.map((m) => ({ id: m.practiceId, name: m.practiceName }))}
      activeId={active.practiceId}
    />
  ) : null

  return (
    <div className="min-h-dvh md:grid md:grid-cols-[16rem_1fr]">
      {/* The grid cell runs the page's full height and carries the background; the sidebar inside stays in view. */}
      <div className="hidden border-r border-border bg-card/70 md:block" data-test="sidebar">
        <aside className="sticky top-0 flex h-dvh flex-col gap-6 p-4">
          <Logo href={DASHBOARD_HOME} className="px-2" />
          {switcher}
          <nav aria-label="Main">
            <NavLinks items={dashboardNav} homeHref={DASHBOARD_HOME} />
          </nav>
        </aside>
      </div>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-16 items-center justify-between gap-3 border-b border-border bg-background/95 px-4 backdrop-blur sm:px-6">
          <div className="flex min-w-0 items-center gap-2">
            <MobileNav
              items={dashboardNav}
              homeHref={DASHBOARD_HOME}
              header={
                <div className="flex flex-col gap-4">
                  <Logo href={DASHBOARD_HOME} className="px-2" />
                  {switcher}
                </div>
              }
            />
            <span className="truncate text-sm font-semibold md:hidden" data-test="topbar-practice-name">
              {active?.practiceName}
            </span>
          </div>
          <AccountMenu
            email={email}
            name={user.fullName}
            accountHref={ACCOUNT_PATH}
            switchTo={isClientToo ? { href: '/portal', label: 'My client portal' } : undefined}
          />
        </header>
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">
          {active ? (
            <>
              <BillingBanner db={db} practiceId={active.practiceId} role={active.role} />
              {children}
            </>
          ) : (
            <FinishSetup />
          )}
        </main>
      </div>
    </div>
  )
}
