import { Pencil } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { listAppointmentNotes, listClientAppointments } from '@/lib/appointments/queries'
import { getClientOrThrow, listMilestones, type ClientDetail } from '@/lib/clients/queries'
import { todayIn } from '@/lib/dates/calendar-date'
import { listPracticeClientDocuments } from '@/lib/documents/practice-documents'
import { isAppError } from '@/lib/errors'
import { formatInstant } from '@/app/dashboard/_components/format'
import { isUuid } from '@/lib/ids'
import { JOURNEY_STATUS_LABELS } from '@/lib/journeys/journey.schema'
import { clientDisplayName } from '@/lib/messages/names'
import { listThread } from '@/lib/messages/queries'
import { listJourneyNotes } from '@/lib/notes/notes.service'
import { listClientRequests, listTemplates } from '@/lib/paperwork/queries'
import { openDeletionRequest } from '@/lib/portal/profile'
import { recordClientView } from '@/lib/privacy/audit/access-events'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import type { Db } from '@/lib/server/db'
import { currentRequestMeta } from '@/lib/server/request-meta'
import { createAdminClient } from '@/lib/supabase/admin'
import { listTasks } from '@/lib/tasks/queries'
import { listRuns } from '@/lib/automations/queries'
import { listMembers } from '@/lib/team/queries'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { TaskList } from '../../_components/task-list'
import { AutomationHistory } from './_components/automation-history'
import { AppointmentsPanel } from './_components/appointments-panel'
import { ArchiveButton } from './_components/archive-button'
import { isClientTab, type ClientTab } from './_components/client-tab'
import { ClientTabs } from './_components/client-tabs'
import { DeleteClientForm } from './_components/delete-client-form'
import { DeletionRequestNotice } from './_components/deletion-request-notice'
import { DocumentsPanel } from './_components/documents-panel'
import { InviteToPortal } from './_components/invite-to-portal'
import { MessagesPanel } from './_components/messages-panel'
import { NotesPanel } from './_components/notes-panel'
import { OverviewPanel } from './_components/overview-panel'
import { PaperworkPanel } from './_components/paperwork-panel'

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
  const { active, user, db } = await requireDashboardContext()
  if (!active) return null
  const [{ clientId }, { tab: rawTab }] = await Promise.all([params, searchParams])
  if (!isUuid(clientId)) notFound()
  const tab: ClientTab = isClientTab(rawTab) ? rawTab : 'overview'
  const practice = active.settings
  // One round: everything keyed by the client id from the URL is fetched alongside the client.
  const thread = { practiceId: active.practiceId, clientId }
  const [client, clientMilestones, deletionRequest, appointments, members, appointmentNotes, documents, messages, requests, templates, tasks] = await Promise.all([
    loadClient(db, active.practiceId, clientId),
    tab === 'overview' ? listMilestones(db, active.practiceId, clientId) : Promise.resolve([]),
    openDeletionRequest(db, clientId),
    tab === 'appointments' ? listClientAppointments(db, active.practiceId, clientId) : Promise.resolve([]),
    tab !== 'notes' && tab !== 'messages' && tab !== 'paperwork' ? listMembers(db, active.practiceId) : Promise.resolve([]),
    tab === 'appointments' ? listAppointmentNotes(db, active.practiceId, clientId) : Promise.resolve([]),
    tab === 'documents' ? listPracticeClientDocuments(db, thread) : Promise.resolve([]),
    tab === 'messages' ? listThread(db, thread) : Promise.resolve([]),
    tab === 'paperwork' ? listClientRequests(db, thread) : Promise.resolve([]),
    tab === 'paperwork' ? listTemplates(db, active.practiceId) : Promise.resolve([]),
    tab === 'overview' ? listTasks(db, active.practiceId, clientId) : Promise.resolve([]),
  ])
  // Reading her record goes on the trail before it is shown: written by the server (never as the
  // member, so this GET writes nothing through her session), once per person, client and 10 minutes.
  await recordClientView(createAdminClient(), { practiceId: active.practiceId, actorId: user.id, clientId: client.id }, await currentRequestMeta())
  const journey = client.current
  const milestones = clientMilestones.filter((m) => m.journey_id === journey?.id)
  const [notes, runs] = await Promise.all([
    journey && tab === 'notes' ? listJourneyNotes(db, active.practiceId, journey.id) : [],
    journey && tab === 'overview' ? listRuns(db, active.practiceId, journey.id) : [],
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
      {deletionRequest ? <DeletionRequestNotice clientId={client.id} requestedAt={deletionRequest.requested_at} canErase={active.role !== 'doula'} /> : null}
      <div className="mb-6">
        <InviteToPortal
          clientId={client.id}
          hasPortalAccess={client.portal_user_id !== null}
          invitationSentOn={client.openInvitation ? formatInstant(client.openInvitation.sentAt, practice.timeZone) : null}
          hasEmail={client.email !== null}
        />
      </div>
      <ClientTabs clientId={client.id} active={tab} />
      <div className="mt-6" id="client-tab-panel">
        {tab === 'overview' ? (
          <OverviewPanel
            client={client}
            milestones={milestones}
            members={members}
            practice={practice}
            today={todayIn(practice.timeZone, new Date())}
          />
        ) : null}
        {tab === 'overview' ? (
          <Card className="mt-6">
            <CardHeader>
              <CardTitle>To-dos</CardTitle>
              <CardDescription>For the practice about {client.preferred_name || client.first_name}. She never sees them.</CardDescription>
            </CardHeader>
            <CardContent>
              <TaskList tasks={tasks} members={members} clientId={client.id} />
            </CardContent>
          </Card>
        ) : null}
        {tab === 'overview' && runs.length > 0 ? <AutomationHistory runs={runs} timeZone={practice.timeZone} /> : null}
        {tab === 'notes' ? <NotesPanel clientId={client.id} journeyId={journey?.id ?? null} notes={notes} userId={user.id} timeZone={practice.timeZone} /> : null}
        {tab === 'appointments' ? (
          <AppointmentsPanel
            clientId={client.id}
            hasJourney={journey !== null}
            appointments={appointments}
            notes={appointmentNotes}
            userId={user.id}
            members={members.map((m) => ({ value: m.userId, label: m.name }))}
            defaultDoulaId={journey?.primary_doula_id ?? ''}
            timeZone={practice.timeZone}
          />
        ) : null}
        {tab === 'documents' ? (
          <DocumentsPanel
            clientId={client.id}
            clientName={clientDisplayName(client)}
            stagingFolder={`${active.practiceId}/${user.id}`}
            portalUserId={client.portal_user_id}
            documents={documents}
            members={members}
            timeZone={practice.timeZone}
          />
        ) : null}
        {tab === 'paperwork' ? (
          <PaperworkPanel
            clientId={client.id}
            clientName={clientDisplayName(client)}
            hasPortalAccess={client.portal_user_id !== null && client.email !== null}
            requests={requests}
            templates={templates.filter((t) => !t.archived)}
            timeZone={practice.timeZone}
          />
        ) : null}
        {tab === 'messages' ? <MessagesPanel clientId={client.id} clientName={clientDisplayName(client)} messages={messages} timeZone={practice.timeZone} /> : null}
      </div>
      {active.role !== 'doula' && tab === 'overview' ? (
        // Open when she has asked for it: the notice above links here.
        <details id="delete-client" open={deletionRequest !== null} className="mt-10 scroll-mt-6 rounded-xl border border-danger/30 p-5" data-test="delete-client">
          <summary className="cursor-pointer font-medium text-danger">Delete her data from this practice</summary>
          <div className="mt-4 max-w-lg">
            <DeleteClientForm clientId={client.id} clientName={name} hasPortalLogin={client.portal_user_id !== null} />
          </div>
        </details>
      ) : null}
    </>
  )
}
