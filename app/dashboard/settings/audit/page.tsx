import { ScrollText } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/page-header'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { AuditCursorSchema, AuditFiltersSchema, cursorOf, type AuditFilters } from '@/lib/privacy/audit/audit-log.schema'
import { actionLabel, AUDIT_ACTION_LABELS, subjectLabel, whoLabel } from '@/lib/privacy/audit/audit-labels'
import { listClientChoices, loadAuditNames } from '@/lib/privacy/audit/names'
import { listAuditLog } from '@/lib/privacy/audit/queries'
import { listMembers } from '@/lib/team/queries'
import { selectClassName } from '../../_components/select-field'

export const metadata: Metadata = { title: 'Audit log' }

const query = (practiceId: string, filters: AuditFilters) => {
  const params = new URLSearchParams({ practice: practiceId })
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value)
  return params.toString()
}

/** A picker's options, keeping a chosen value the list no longer holds (a former member, an erased client). */
const withChosen = (options: { value: string; label: string }[], chosen: string | undefined, label: string) =>
  chosen && !options.some((o) => o.value === chosen) ? [...options, { value: chosen, label }] : options

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { active, db } = await requireDashboardContext()
  if (!active || (active.role !== 'owner' && active.role !== 'admin')) {
    return (
      <>
        <PageHeader title="Audit log" />
        <EmptyState icon={ScrollText} title="Owners and admins only" description="The audit log is visible to the practice owner and admins." />
      </>
    )
  }
  const params = await searchParams
  // A cursor only ever comes from our own "Older events" link: a mangled one is a page that does not exist.
  if (params.after !== undefined && !AuditCursorSchema.safeParse(params.after).success) notFound()
  const parsed = AuditFiltersSchema.safeParse(params)
  const filters: AuditFilters = parsed.success ? parsed.data : {}
  const [{ rows, hasMore }, members, clients] = await Promise.all([
    listAuditLog(db, active.practiceId, filters),
    listMembers(db, active.practiceId),
    listClientChoices(db, active.practiceId),
  ])
  const names = await loadAuditNames(db, active.practiceId, rows, members)
  const { after: _cursor, ...withoutCursor } = filters
  const last = rows.at(-1)
  const people = withChosen(
    members.map((m) => ({ value: m.userId, label: `${m.name} (${m.role})` })),
    withoutCursor.actor,
    'Former member',
  )
  const clientOptions = withChosen(clients.map((c) => ({ value: c.id, label: c.name })), withoutCursor.client, 'Erased client')
  const actions = withChosen(
    Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label })),
    withoutCursor.action,
    withoutCursor.action ?? '',
  )
  const pickers = [
    { name: 'actor', label: 'Person', any: 'Anyone on the team', options: people },
    { name: 'client', label: 'Client', any: 'Any client', options: clientOptions },
    { name: 'action', label: 'Action', any: 'Any action', options: actions },
  ] as const

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, and when, over the last 12 months; older entries are archived for six years and come with the export. The log itself stores ids only: names are shown as the practice knows them today, and the CSV export keeps the ids."
        actions={
          <Button asChild variant="outline">
            <a href={`/api/export/audit?${query(active.practiceId, withoutCursor)}`} data-test="audit-csv">Export CSV</a>
          </Button>
        }
      />
      <form method="get" role="search" aria-label="Filter the audit log" className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-5" data-test="audit-filters">
        {pickers.map((p) => (
          <div key={p.name} className="flex flex-col gap-1.5">
            <Label htmlFor={`audit-${p.name}`}>{p.label}</Label>
            <select id={`audit-${p.name}`} name={p.name} defaultValue={withoutCursor[p.name] ?? ''} className={selectClassName} data-test={`audit-filter-${p.name}`}>
              <option value="">{p.any}</option>
              {p.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        {(['from', 'to'] as const).map((name) => (
          <div key={name} className="flex flex-col gap-1.5">
            <Label htmlFor={`audit-${name}`}>{name === 'from' ? 'From' : 'To'}</Label>
            <Input id={`audit-${name}`} name={name} type="date" defaultValue={withoutCursor[name] ?? ''} />
          </div>
        ))}
        <div className="sm:col-span-2 lg:col-span-5">
          <Button type="submit" variant="secondary" data-test="audit-filter-submit">Filter</Button>
        </div>
      </form>
      {!parsed.success ? <p role="alert" className="mb-4 text-sm text-danger">Some filters were not valid and were ignored.</p> : null}
      {rows.length === 0 ? (
        <EmptyState icon={ScrollText} title="No events" description="Nothing matches these filters." />
      ) : (
        // Wider than a phone: the region scrolls sideways, so it takes focus and has a name for the keyboard.
        <div role="region" aria-labelledby="audit-table-caption" tabIndex={0} className="overflow-x-auto rounded-lg border border-border focus-visible:outline-2 focus-visible:outline-ring" data-test="audit-scroll">
          <table className="w-full min-w-[44rem] text-left text-sm" data-test="audit-table">
            <caption id="audit-table-caption" className="sr-only">Audit events, newest first</caption>
            <thead className="bg-muted text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">When (UTC)</th>
                <th scope="col" className="px-3 py-2 font-medium">Who</th>
                <th scope="col" className="px-3 py-2 font-medium">Action</th>
                <th scope="col" className="px-3 py-2 font-medium">On</th>
                <th scope="col" className="px-3 py-2 font-medium">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const who = whoLabel(r, names)
                const subject = subjectLabel(r, names)
                return (
                  <tr key={r.id} className="border-t border-border" data-test="audit-row">
                    <td className="px-3 py-2 tabular-nums whitespace-nowrap">{r.occurred_at.slice(0, 19).replace('T', ' ')}</td>
                    <td className="px-3 py-2" data-test="audit-who">
                      <span className="font-medium text-foreground">{who.name}</span>
                      {who.role ? <span className="text-muted-foreground"> · {who.role}</span> : null}
                    </td>
                    <td className="px-3 py-2" data-test="audit-action">{actionLabel(r)}</td>
                    <td className="px-3 py-2" data-test="audit-subject">
                      {subject.entity}
                      {subject.client ? <span className="text-muted-foreground"> · {subject.client}</span> : null}
                    </td>
                    <td className="px-3 py-2">{r.outcome === 'success' ? 'Done' : r.outcome === 'denied' ? 'Refused' : 'Failed'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {hasMore && last ? (
        <div className="mt-4">
          <Link href={`/dashboard/settings/audit?${query(active.practiceId, { ...withoutCursor, after: cursorOf(last) })}`} className="font-medium text-primary underline-offset-4 hover:underline" data-test="audit-next">
            Older events
          </Link>
        </div>
      ) : null}
    </>
  )
}
