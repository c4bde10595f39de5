import { CalendarDays } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { EmptyState } from '@/components/ui/empty-state'
import { listAgenda, type AgendaItem } from '@/lib/appointments/queries'
import { AppointmentList } from '../_components/appointment-list'
import { requireDashboardContext } from '@/lib/practice/active-practice'
import { getPracticeSettings } from '@/lib/practice/settings'
import { createClient } from '@/lib/supabase/server'

export const metadata: Metadata = { title: 'Calendar' }

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
              <AppointmentList items={items} format={time} showClient />
            </section>
          ))}
        </div>
      )}
    </>
  )
}
