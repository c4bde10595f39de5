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
import { listAuditLog } from '@/lib/privacy/audit/queries'

export const metadata: Metadata = { title: 'Audit log' }

const FIELDS = [
  { name: 'actor', label: 'Person (user id)', type: 'text' },
  { name: 'client', label: 'Client (record id)', type: 'text' },
  { name: 'action', label: 'Action (e.g. export.create)', type: 'text' },
  { name: 'from', label: 'From', type: 'date' },
  { name: 'to', label: 'To', type: 'date' },
] as const

const query = (practiceId: string, filters: AuditFilters) => {
  const params = new URLSearchParams({ practice: practiceId })
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value)
  return params.toString()
}

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
  const { rows, hasMore } = await listAuditLog(db, active.practiceId, filters)
  const { after: _cursor, ...withoutCursor } = filters
  const last = rows.at(-1)

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, and when, over the last 12 months; older entries are archived for six years and come with the export. Names and health details are never stored here."
        actions={
          <Button asChild variant="outline">
            <a href={`/api/export/audit?${query(active.practiceId, withoutCursor)}`} data-test="audit-csv">Export CSV</a>
          </Button>
        }
      />
      <form method="get" className="mb-6 grid gap-3 sm:grid-cols-5" data-test="audit-filters">
        {FIELDS.map((f) => (
          <div key={f.name} className="flex flex-col gap-1.5">
            <Label htmlFor={`audit-${f.name}`}>{f.label}</Label>
            <Input id={`audit-${f.name}`} name={f.name} type={f.type} defaultValue={withoutCursor[f.name] ?? ''} />
          </div>
        ))}
        <div className="sm:col-span-5">
          <Button type="submit" variant="secondary">Filter</Button>
        </div>
      </form>
      {!parsed.success ? <p role="alert" className="mb-4 text-sm text-danger">Some filters were not valid and were ignored.</p> : null}
      {rows.length === 0 ? (
        <EmptyState icon={ScrollText} title="No events" description="Nothing matches these filters." />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border">
          <table className="w-full text-left text-sm" data-test="audit-table">
            <thead className="bg-muted text-muted-foreground">
              <tr>
                <th className="px-3 py-2 font-medium">When (UTC)</th>
                <th className="px-3 py-2 font-medium">Who</th>
                <th className="px-3 py-2 font-medium">Action</th>
                <th className="px-3 py-2 font-medium">On</th>
                <th className="px-3 py-2 font-medium">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-border">
                  <td className="px-3 py-2 tabular-nums">{r.occurred_at.slice(0, 19).replace('T', ' ')}</td>
                  <td className="px-3 py-2">{r.actor_role}{r.actor_id ? ` · ${r.actor_id.slice(0, 8)}` : ''}</td>
                  <td className="px-3 py-2">{r.action}</td>
                  <td className="px-3 py-2">{r.entity}{r.entity_id ? ` · ${r.entity_id.slice(0, 8)}` : ''}</td>
                  <td className="px-3 py-2">{r.outcome}</td>
                </tr>
              ))}
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
