import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { getReminderHours } from '@/lib/appointments/reminder-settings'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { ReminderSettingsForm } from './_components/reminder-settings-form'

export const metadata: Metadata = { title: 'Reminders' }

export default async function ReminderSettingsPage() {
  const { db, active } = await requireDashboardContext()
  if (!active) return null
  const hours = await getReminderHours(db, active.practiceId)
  const canEdit = active.role !== 'doula'
  return (
    <>
      <PageHeader title="Reminders" description="What goes out on its own, so nobody has to remember." />
      <Card>
        <CardHeader>
          <CardTitle>Appointment reminders</CardTitle>
          <CardDescription>
            The client and the attending doula get an email before each appointment, with the time in your practice&apos;s time
            zone and a calendar file. A client can turn hers off in her portal profile; cancelled appointments are never reminded.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {canEdit ? (
            <ReminderSettingsForm defaults={{ hoursBefore: String(hours) }} />
          ) : (
            <p className="text-sm" data-test="reminder-hours">
              {hours} hours before. Only the practice owner or an admin can change this.
            </p>
          )}
        </CardContent>
      </Card>
    </>
  )
}
