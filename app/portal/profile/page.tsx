import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { requirePortalContext } from '@/lib/server/portal-context'
import { getContactDetails, getReminderPreference, openDeletionRequest } from '@/lib/portal/profile'
import { ContactForm } from './_components/contact-form'
import { DeletionRequest } from './_components/deletion-request'
import { ReminderPreferenceForm } from './_components/reminder-preference-form'

export const metadata: Metadata = { title: 'Profile' }

export default async function PortalProfilePage() {
  const { db, active } = await requirePortalContext()
  const [details, reminders, request] = await Promise.all([
    getContactDetails(db, active.clientId),
    getReminderPreference(db, active.clientId),
    openDeletionRequest(db, active.clientId),
  ])
  return (
    <>
      <PageHeader title="Profile" description="How your doula can reach you." />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Contact details</CardTitle>
          </CardHeader>
          <CardContent>
            <ContactForm defaults={details} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Appointment reminders</CardTitle>
          </CardHeader>
          <CardContent>
            <ReminderPreferenceForm defaults={reminders} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Your data</CardTitle>
            <CardDescription>
              Download a copy of what {active.practiceName} shares with you: your details, appointments, milestones, messages
              and documents, in one zip file. You can also ask them to delete what they hold about you.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <Button asChild className="self-start">
              {/* A plain link: the browser streams the zip straight to disk. */}
              <a href="/portal/export" download data-test="download-my-data">
                Download my data
              </a>
            </Button>
            <DeletionRequest requestedAt={request?.requested_at ?? null} />
          </CardContent>
        </Card>
      </div>
    </>
  )
}
