import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { requireDashboardContext } from '@/lib/practice/active-practice'
import { createClient } from '@/lib/supabase/server'
import { listMembers } from '@/lib/team/queries'
import { AssignDoulasForm } from './assign-doulas-form'

export interface AssignDoulasProps {
  journey: { id: string; primary_doula_id: string | null; backup_doula_id: string | null }
}

/** Who attends this journey: primary and backup doula, chosen from the practice's members. */
export async function AssignDoulas({ journey }: AssignDoulasProps) {
  const { active } = await requireDashboardContext()
  if (!active) return null
  const members = await listMembers(await createClient(), active.practiceId)
  return (
    <Card>
      <CardHeader>
        <CardTitle>Doulas</CardTitle>
        <CardDescription>The primary doula attends; the backup covers when she cannot.</CardDescription>
      </CardHeader>
      <CardContent>
        <AssignDoulasForm
          key={journey.id}
          journeyId={journey.id}
          primaryDoulaId={journey.primary_doula_id ?? ''}
          backupDoulaId={journey.backup_doula_id ?? ''}
          members={members.map((m) => ({ id: m.userId, name: m.name }))}
        />
      </CardContent>
    </Card>
  )
}
