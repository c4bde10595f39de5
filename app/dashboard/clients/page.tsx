import { Columns3, Download, Plus, Upload, Users } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { ClientListParamsSchema } from '@/lib/clients/client.schema'
import { listClients } from '@/lib/clients/queries'
import { todayIn } from '@/lib/dates/calendar-date'
import { JOURNEY_STATUS_LABELS } from '@/lib/journeys/journey.schema'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { formatGestationalAge, gestationalAge } from '@/lib/pregnancy/gestation'
import { listMembers } from '@/lib/team/queries'
import { formatDay } from '../_components/format'
import { ClientFilters } from './_components/client-filters'

export const metadata: Metadata = { title: 'Clients' }

export default async function ClientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { active, db } = await requireDashboardContext()
  if (!active) return null
  const raw = await searchParams
  const params = ClientListParamsSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])))
  const [page, members] = await Promise.all([listClients(db, active.practiceId, params), listMembers(db, active.practiceId)])
  const today = todayIn(active.settings.timeZone, new Date())
  const names = new Map(members.map((m) => [m.userId, m.name]))
  const filtered = Boolean(params.q || params.status || params.doula || params.due || params.archived)
  const nextHref = page.next ? `?${new URLSearchParams({ ...definedParams(raw), after: page.next }).toString()}` : null

  return (
    <>
      <PageHeader
        title="Clients"
        description="Everyone your practice supports, with their pregnancies and due dates."
        actions={
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="outline">
              <a href={`/api/export/clients?${new URLSearchParams({ ...withoutCursor(raw), practice: active.practiceId }).toString()}`} download data-test="clients-export">
                <Download aria-hidden /> Export CSV
              </a>
            </Button>
            <Button asChild variant="outline">
              <Link href="/dashboard/clients/import" data-test="clients-import">
                <Upload aria-hidden /> Import CSV
              </Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/dashboard/clients/board" data-test="clients-board">
                <Columns3 aria-hidden /> Pipeline
              </Link>
            </Button>
            <Button asChild>
              <Link href="/dashboard/clients/new" data-test="clients-new">
                <Plus aria-hidden /> New client
              </Link>
            </Button>
          </div>
        }
      />
      <ClientFilters params={params} members={members.map((m) => ({ id: m.userId, name: m.name }))} />
      {page.rows.length === 0 ? (
        <EmptyState
          icon={Users}
          title={filtered ? 'No clients match' : 'No clients yet'}
          description={
            filtered
              ? 'Try another name, or clear the filters to see everyone.'
              : 'Add your first client with her due date. DoulaOS then works out her gestational age and on-call window for you.'
          }
          data-test="clients-empty"
        />
      ) : (
        <ul className="flex flex-col divide-y divide-border overflow-hidden rounded-xl border border-border bg-card" data-test="clients-list">
          {page.rows.map((c) => {
            const doula = c.primaryDoulaId ? names.get(c.primaryDoulaId) : undefined
            return (
              <li key={c.id}>
                <Link
                  href={`/dashboard/clients/${c.id}`}
                  className="grid gap-1 px-4 py-3 hover:bg-muted/60 focus-visible:bg-muted/60 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring sm:grid-cols-[1fr_15rem_7rem] sm:items-center sm:gap-4"
                  data-test="clients-row"
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium">
                      {c.firstName} {c.lastName}
                      {c.preferredName ? <span className="font-normal text-muted-foreground"> ({c.preferredName})</span> : null}
                    </span>
                    <span className="block truncate text-sm text-muted-foreground">{[doula ? `Doula: ${doula}` : 'No doula assigned', c.phone].filter(Boolean).join(' · ')}</span>
                  </span>
                  <span className="text-sm whitespace-nowrap">
                    {c.dueDate ? (
                      <>
                        Due {formatDay(c.dueDate)}
                        {c.status && !['postpartum', 'complete', 'archived'].includes(c.status) ? (
                          <span className="text-muted-foreground"> · {formatGestationalAge(gestationalAge(c.dueDate, today))}</span>
                        ) : null}
                      </>
                    ) : (
                      <span className="text-muted-foreground">No due date</span>
                    )}
                  </span>
                  <span>{c.status ? <Badge tone={c.status === 'booked' || c.status === 'active' ? 'accent' : 'neutral'}>{JOURNEY_STATUS_LABELS[c.status]}</Badge> : null}</span>
                </Link>
              </li>
            )
          })}
        </ul>
      )}
      {nextHref || params.after ? (
        <nav aria-label="Pages" className="mt-4 flex justify-between gap-3">
          {params.after ? (
            <Button asChild variant="outline">
              <Link href={`?${new URLSearchParams(withoutCursor(raw)).toString()}`}>Back to the first page</Link>
            </Button>
          ) : (
            <span />
          )}
          {nextHref ? (
            <Button asChild variant="outline">
              <Link href={nextHref} data-test="clients-next">
                Next page
              </Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </>
  )
}

function definedParams(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).flatMap(([k, v]) => (typeof v === 'string' && v !== '' ? [[k, v]] : [])))
}

function withoutCursor(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const { after: _after, ...rest } = definedParams(raw)
  return rest
}
