import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent } from '@/components/ui/card'
import { requireDashboardContext } from '@/lib/practice/active-practice'
import { listMembers } from '@/lib/team/queries'
import { createClient } from '@/lib/supabase/server'

export const metadata: Metadata = { title: 'Team' }

const ROLE_LABELS = { owner: 'Owner', admin: 'Admin', doula: 'Doula' } as const

export default async function TeamPage() {
  const { active } = await requireDashboardContext()
  if (!active) return null
  const members = await listMembers(await createClient(), active.practiceId)
  return (
    <>
      <PageHeader title="Team" description={`The people who share ${active.practiceName}, and their role.`} />
      <Card>
        <CardContent className="p-0">
          <ul className="divide-y divide-border" data-test="team-members">
            {members.map((m) => (
              <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 px-5 py-4">
                <div className="min-w-0">
                  <p className="font-medium">{m.name}</p>
                  <p className="truncate text-sm text-muted-foreground">{m.email}</p>
                </div>
                <Badge tone={m.role === 'owner' ? 'accent' : 'neutral'}>{ROLE_LABELS[m.role]}</Badge>
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
    </>
  )
}
