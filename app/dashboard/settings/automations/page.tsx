import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { listRules } from '@/lib/automations/queries'
import { JOURNEY_STATUS_LABELS, JourneyStatusSchema } from '@/lib/journeys/journey.schema'
import { listTemplates } from '@/lib/paperwork/queries'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { RemoveRuleButton } from './_components/remove-rule-button'
import { RuleForm } from './_components/rule-form'

export const metadata: Metadata = { title: 'Automations' }

export default async function AutomationSettingsPage() {
  const { db, active } = await requireDashboardContext()
  if (!active) return null
  const [rules, templates] = await Promise.all([listRules(db, active.practiceId), listTemplates(db, active.practiceId)])
  const canEdit = active.role !== 'doula'
  return (
    <>
      <PageHeader title="Automations" description="What happens on its own when a journey moves on. Each rule acts once per journey; complete and archived journeys are left alone." />
      <Card>
        <CardHeader>
          <CardTitle>Rules</CardTitle>
          <CardDescription>A form is sent by the next automation run (within 15 minutes); a to-do is added at once for her primary doula. Actions on a milestone’s date are set in the milestone template.</CardDescription>
        </CardHeader>
        <CardContent>
          {rules.length === 0 ? (
            <p className="text-sm text-muted-foreground">No automations yet.</p>
          ) : (
            <ul className="flex flex-col divide-y divide-border" data-test="automation-rules">
              {rules.map((r) => {
                const status = JourneyStatusSchema.safeParse(r.onStatus)
                return (
                  <li key={r.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-test="automation-rule">
                    <p className="min-w-0 break-words text-sm">
                      When a journey becomes <strong>{status.success ? JOURNEY_STATUS_LABELS[status.data] : r.onStatus}</strong>:{' '}
                      {r.action === 'send_form' ? `send “${r.templateName ?? 'a form'}”` : `add the to-do “${r.taskTitle ?? ''}”`}
                    </p>
                    {canEdit ? <RemoveRuleButton ruleId={r.id} /> : null}
                  </li>
                )
              })}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Add a rule</CardTitle>
        </CardHeader>
        <CardContent>
          {canEdit ? (
            <RuleForm templates={templates.filter((t) => !t.archived).map((t) => ({ value: t.id, label: t.name }))} />
          ) : (
            <p className="text-sm">Only the practice owner or an admin can change the automations.</p>
          )}
        </CardContent>
      </Card>
    </>
  )
}
