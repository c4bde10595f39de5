import { Baby, CalendarDays, Users } from 'lucide-react'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { requireDashboardContext } from '@/lib/practice/active-practice'

const roleLabel = { owner: 'Owner', admin: 'Admin', doula: 'Doula' } as const

export default async function TodayPage() {
  const { active } = await requireDashboardContext()
  if (!active) return null
  return (
    <>
      <PageHeader
        title="Today"
        description={`Here is what needs you at ${active.practiceName}.`}
        actions={<Badge tone="calm">{roleLabel[active.role]}</Badge>}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Appointments today</CardTitle>
            <CardDescription>Visits and births on your calendar.</CardDescription>
          </CardHeader>
          <CardContent>
            <EmptyState
              icon={CalendarDays}
              title="Nothing scheduled today"
              description="When you book prenatal or postpartum visits for your clients, today’s appear here."
              className="py-8"
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>On call</CardTitle>
            <CardDescription>Clients inside their on-call window.</CardDescription>
          </CardHeader>
          <CardContent>
            <EmptyState
              icon={Baby}
              title="No one is due yet"
              description="Add a client with her due date and she appears here from week 38 until week 42."
              className="py-8"
            />
          </CardContent>
        </Card>
      </div>
      <EmptyState
        className="mt-6"
        icon={Users}
        title="Start with your first client"
        description="Your practice is ready. Add the families you support to track their pregnancies, appointments and notes."
        action={
          <Link href="/dashboard/clients" className="font-medium text-primary underline-offset-4 hover:underline">
            Go to Clients
          </Link>
        }
        data-test="today-empty"
      />
    </>
  )
}
