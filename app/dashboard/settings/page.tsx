import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { PrivacyContact } from '@/components/privacy-contact'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import type { PracticeSettings } from '@/lib/practice/settings'
import { listTimeZones, timeZoneLabel } from '@/lib/practice/time-zones'
import { PracticeSettingsForm } from './_components/practice-settings-form'

export const metadata: Metadata = { title: 'Settings' }

export default async function SettingsPage() {
  const { active } = await requireDashboardContext()
  if (!active) return null
  const practice = active.settings
  const canEdit = active.role !== 'doula'
  return (
    <>
      <PageHeader title="Settings" description="Your practice details, and everything your practice holds." />
      <Card>
        <CardHeader>
          <CardTitle>Practice</CardTitle>
          {canEdit ? null : <CardDescription>Only the practice owner or an admin can change these.</CardDescription>}
        </CardHeader>
        <CardContent>
          {canEdit ? (
            <PracticeSettingsForm
              defaults={{
                name: practice.name,
                slug: practice.slug,
                timeZone: practice.timeZone,
                onCallStartWeek: String(practice.onCall.startWeek),
                onCallEndWeek: String(practice.onCall.endWeek),
                capacityMaxDueDates: String(practice.capacity.maxDueDates),
                capacityWindowDays: String(practice.capacity.windowDays),
              }}
              timeZones={zonesWith(practice.timeZone)}
            />
          ) : (
            <PracticeDetails practice={practice} />
          )}
        </CardContent>
      </Card>
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Contact us about privacy</CardTitle>
          <CardDescription>
            Questions about your data, a request, or a concern: write to <PrivacyContact />.
          </CardDescription>
        </CardHeader>
      </Card>
      <nav aria-label="Settings sections" className="mt-6 flex flex-wrap gap-x-6 gap-y-3 text-sm font-medium">
        <Link href="/dashboard/settings/milestones" className="text-primary underline-offset-4 hover:underline">Milestone template</Link>
        <Link href="/dashboard/settings/forms" className="text-primary underline-offset-4 hover:underline" data-test="settings-forms">Forms</Link>
        <Link href="/dashboard/settings/inquiry" className="text-primary underline-offset-4 hover:underline" data-test="settings-inquiry">Inquiry form</Link>
        <Link href="/dashboard/settings/reminders" className="text-primary underline-offset-4 hover:underline" data-test="settings-reminders">Reminders</Link>
        <Link href="/dashboard/settings/automations" className="text-primary underline-offset-4 hover:underline" data-test="settings-automations">Automations</Link>
        {active.role === 'owner' ? (
          <Link href="/dashboard/settings/billing" className="text-primary underline-offset-4 hover:underline" data-test="settings-billing-link">Billing</Link>
        ) : null}
        <Link href="/dashboard/settings/data" className="text-primary underline-offset-4 hover:underline">Data &amp; privacy</Link>
        <Link href="/dashboard/settings/audit" className="text-primary underline-offset-4 hover:underline">Audit log</Link>
        <Link href="/dashboard/settings/danger" className="text-danger underline-offset-4 hover:underline">Danger zone</Link>
      </nav>
    </>
  )
}

/** A zone stored before this list existed stays selected (and is asked to be changed on save) rather than silently replaced. */
function zonesWith(current: string): string[] {
  const zones = listTimeZones()
  return zones.includes(current) ? zones : [current, ...zones]
}

function PracticeDetails({ practice }: { practice: PracticeSettings }) {
  const details: [string, string][] = [
    ['Practice name', practice.name],
    ['Practice address', practice.slug],
    ['Time zone', timeZoneLabel(practice.timeZone)],
    ['On-call window', `From ${practice.onCall.startWeek} to ${practice.onCall.endWeek} weeks`],
    ['Capacity rule', `At most ${practice.capacity.maxDueDates} due dates within ${practice.capacity.windowDays} days of each other`],
  ]
  return (
    <dl className="grid gap-4 sm:grid-cols-2" data-test="practice-details">
      {details.map(([term, value]) => (
        <div key={term}>
          <dt className="text-sm text-muted-foreground">{term}</dt>
          <dd className="mt-0.5 font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  )
}
