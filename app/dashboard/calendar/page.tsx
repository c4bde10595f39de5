import { CalendarDays } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { listAgenda, type AgendaItem } from '@/lib/appointments/queries'
import { APPOINTMENT_KIND_LABELS, type AppointmentKind } from '@/lib/calendar/ics'
import { requireDashboardContext } from '@/lib/practice/active-practice'
import { getPracticeSettings } from '@/lib/practice/settings'
import { createClient } from '@/lib/supabase/server'

export const metadata: Metadata = { title: 'Calendar' }

const kindLabel = (kind: string) => APPOINTMENT_KIND_LABELS[kind as AppointmentKind] ?? 'Appointment'

/** Appointments grouped by their day in the practice's time zone, in order. */
function byDay(items: AgendaItem[], timeZone: string) {
  const day = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone })
  const groups = new Map<string, AgendaItem[]>()
  for (const item of items) {
    const key = day.format(new Date(item.startsAt))
    groups.set(key, [...(groups.get(key) ?? []), item])
  }
  return [...groups]
}

export default async function CalendarPage() {
  const { active } = await requireDashboardContext()
  if (!active) return null
  const db = await createClient()
  const [practice, agenda] = await Promise.all([getPracticeSettings(db, active.practiceId), listAgenda(db, active.practiceId, new Date())])
  const time = new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: practice.timeZone })
  return (
    <>
      <PageHeader title="Calendar" description={`The next eight weeks, in ${practice.timeZone.replaceAll('_', ' ')} time.`} />
      {agenda.length === 0 ? (
        <EmptyState
          icon={CalendarDays}
          title="Nothing booked in the next eight weeks"
          description="Open a client to see her pregnancy timeline; her appointments show here once they are booked."
          data-test="calendar-empty"
        />
      ) : (
        <div className="space-y-6" data-test="agenda">
          {byDay(agenda, practice.timeZone).map(([day, items]) => (
            <section key={day} aria-label={day}>
              <h2 className="mb-2 text-sm font-semibold text-muted-foreground">{day}</h2>
              <Card>
                <CardContent className="p-0">
                  <ul className="divide-y divide-border">
                    {items.map((a) => (
                      <li key={a.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3">
                        <span className="w-20 shrink-0 text-sm tabular-nums text-muted-foreground">{time.format(new Date(a.startsAt))}</span>
                        <Link href={`/dashboard/clients/${a.clientId}`} className="font-medium hover:underline">
                          {a.clientName}
                        </Link>
                        <span className="text-sm text-muted-foreground">{kindLabel(a.kind)}</span>
                        {a.status === 'cancelled' ? <Badge>Cancelled</Badge> : null}
                        {a.location ? <span className="basis-full text-sm text-muted-foreground sm:ml-24">{a.location}</span> : null}
                      </li>
                    ))}
                  </ul>
                </CardContent>
              </Card>
            </section>
          ))}
        </div>
      )}
    </>
  )
}
