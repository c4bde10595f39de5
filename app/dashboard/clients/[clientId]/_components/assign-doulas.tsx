import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import type { Member } from '@/lib/team/queries'
import { AssignDoulasForm } from './assign-doulas-form'

export interface AssignDoulasProps {
  journey: { id: string; primary_doula_id: string | null; backup_doula_id: string | null }
  members: Pick<Member, 'userId' | 'name'>[]
}

/** Who attends this journey: primary and backup doula, chosen from the practice's members. */
export function AssignDoulas({ journey, members }: AssignDoulasProps) {
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
