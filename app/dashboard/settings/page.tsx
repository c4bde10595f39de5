import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card'
import { requireDashboardContext } from '@/lib/practice/active-practice'
import { getPracticeSettings } from '@/lib/practice/settings'
import { createClient } from '@/lib/supabase/server'

export const metadata: Metadata = { title: 'Settings' }

export default async function SettingsPage() {
  const { active } = await requireDashboardContext()
  if (!active) return null
  const practice = await getPracticeSettings(await createClient(), active.practiceId)
  const details: [string, string][] = [
    ['Practice name', practice.name],
    ['Time zone', practice.timeZone.replaceAll('_', ' ')],
    ['On-call window', `From ${practice.onCall.startWeek} to ${practice.onCall.endWeek} weeks`],
    ['Capacity rule', `At most ${practice.capacity.maxDueDates} due dates within ${practice.capacity.windowDays} days of each other`],
  ]
  return (
    <>
      <PageHeader title="Settings" description="Your practice details, and everything your practice holds." />
      <Card>
        <CardHeader>
          <CardTitle>Practice</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-4 sm:grid-cols-2" data-test="practice-details">
            {details.map(([term, value]) => (
              <div key={term}>
                <dt className="text-sm text-muted-foreground">{term}</dt>
                <dd className="mt-0.5 font-medium">{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <nav aria-label="Settings sections" className="mt-6 flex flex-wrap gap-4 text-sm font-medium">
        <Link href="/dashboard/settings/data" className="text-primary underline-offset-4 hover:underline">Data &amp; privacy</Link>
        <Link href="/dashboard/settings/audit" className="text-primary underline-offset-4 hover:underline">Audit log</Link>
        <Link href="/dashboard/settings/danger" className="text-danger underline-offset-4 hover:underline">Danger zone</Link>
      </nav>
    </>
  )
}
