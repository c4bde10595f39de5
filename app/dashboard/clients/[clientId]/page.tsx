import { CalendarDays, Pencil } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { JOURNEY_STATUS_LABELS } from '@/lib/clients/client.schema'
import { getClientOrThrow, listMilestones, type ClientDetail } from '@/lib/clients/queries'
import { todayIn } from '@/lib/dates/calendar-date'
import { isAppError } from '@/lib/errors'
import { listJourneyNotes } from '@/lib/notes/notes.service'
import { requireDashboardContext } from '@/lib/practice/active-practice'
import type { Db } from '@/lib/practice/db'
import { getPracticeSettings } from '@/lib/practice/settings'
import { createClient } from '@/lib/supabase/server'
import { ArchiveButton } from './_components/archive-button'
import { ClientTabs, type ClientTab } from './_components/client-tabs'
import { NotesPanel } from './_components/notes-panel'
import { OverviewPanel } from './_components/overview-panel'

export const metadata: Metadata = { title: 'Client' }

async function loadClient(db: Db, practiceId: string, clientId: string): Promise<ClientDetail> {
  try {
    return await getClientOrThrow(db, practiceId, clientId)
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound()
    throw error
  }
}

export default async function ClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ clientId: string }>
  searchParams: Promise<{ tab?: string }>
}) {
  const { active, user } = await requireDashboardContext()
  if (!active) return null
  const [{ clientId }, { tab: rawTab }] = await Promise.all([params, searchParams])
  if (!/^[0-9a-f-]{36}$/i.test(clientId)) notFound()
  const tab: ClientTab = rawTab === 'notes' || rawTab === 'appointments' ? rawTab : 'overview'
  const db = await createClient()
  const [client, practice] = await Promise.all([loadClient(db, active.practiceId, clientId), getPracticeSettings(db, active.practiceId)])
  const journey = client.current
  const [milestones, notes] = await Promise.all([
    journey && tab === 'overview' ? listMilestones(db, active.practiceId, journey.id) : Promise.resolve([]),
    journey && tab === 'notes' ? listJourneyNotes(db, active.practiceId, journey.id) : Promise.resolve([]),
  ])
  const name = [client.first_name, client.last_name].filter(Boolean).join(' ')

  return (
    <>
      <PageHeader
        title={name}
        description={[client.preferred_name && `Goes by ${client.preferred_name}`, client.pronouns, client.email, client.phone].filter(Boolean).join(' · ') || undefined}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {client.archived_at ? <Badge>Archived</Badge> : null}
            {journey ? <Badge tone="accent" data-test="client-status-badge">{JOURNEY_STATUS_LABELS[journey.status]}</Badge> : null}
            <Button asChild variant="outline" size="sm">
              <Link href={`/dashboard/clients/${client.id}/edit`} data-test="client-edit">
                <Pencil aria-hidden /> Edit
              </Link>
            </Button>
            <ArchiveButton clientId={client.id} archived={client.archived_at !== null} />
          </div>
        }
      />
      <ClientTabs clientId={client.id} active={tab} />
      <div className="mt-6" id="client-tab-panel">
        {tab === 'overview' ? (
          <OverviewPanel client={client} milestones={milestones} practice={practice} today={todayIn(practice.timeZone, new Date())} />
        ) : null}
        {tab === 'notes' ? <NotesPanel clientId={client.id} journeyId={journey?.id ?? null} notes={notes} userId={user.id} timeZone={practice.timeZone} /> : null}
        {tab === 'appointments' ? (
          <EmptyState
            icon={CalendarDays}
            title="No appointments yet"
            description="Prenatal and postpartum visits you book for her will be listed here."
            action={
              <Link href="/dashboard/calendar" className="font-medium text-primary underline-offset-4 hover:underline">
                Open the calendar
              </Link>
            }
          />
        ) : null}
      </div>
    </>
  )
}
