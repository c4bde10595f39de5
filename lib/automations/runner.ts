import 'server-only'
import { AppError } from '@/lib/errors'
import { sendForm } from '@/lib/paperwork/send.service'
import { PRACTICE_SETTINGS_COLUMNS, toPracticeSettings } from '@/lib/practice/settings'
import { dbFailure, type Db } from '@/lib/server/db'
import { FieldErrors } from '@/lib/server/field-errors'

const PAUSED = new Set(['complete', 'archived'])

function why(error: unknown): string {
  if (error instanceof FieldErrors) return Object.values(error.fields).join(' ')
  if (error instanceof AppError) return error.message
  throw error
}

/**
 * Sends the forms that status-change rules queued (cron, service role). Each pending run is claimed
 * by one update from pending, so two runners never send the same form; a run whose journey has since
 * been archived or completed is skipped, and a refused send is kept as failed with the reason.
 */
export async function runPendingAutomations(admin: Db, now = new Date()): Promise<{ sent: number; failed: number; skipped: number }> {
  const { data: runs, error } = await admin
    .from('automation_runs')
    .select('id, practice_id, journey_id, rule:automation_rules!inner(template_id), journey:journeys!inner(client_id, status)')
    .eq('state', 'pending')
    .order('fired_at')
    .limit(100)
  if (error) throw dbFailure('load the pending automations', error)
  const result = { sent: 0, failed: 0, skipped: 0 }
  for (const run of runs) {
    const paused = PAUSED.has(run.journey.status)
    const { data: claimed, error: claimError } = await admin
      .from('automation_runs')
      .update({ state: paused ? 'skipped' : 'done', finished_at: now.toISOString(), detail: paused ? 'Her journey was archived or completed first.' : null })
      .eq('id', run.id)
      .eq('state', 'pending')
      .select('id')
    if (claimError) throw dbFailure('claim an automation', claimError)
    if (claimed.length === 0) continue
    if (paused) {
      result.skipped++
      continue
    }
    const { data: practice, error: practiceError } = await admin.from('practices').select(PRACTICE_SETTINGS_COLUMNS).eq('id', run.practice_id).single()
    if (practiceError) throw dbFailure('load the practice', practiceError)
    try {
      const { requestId } = await sendForm(
        admin,
        { practiceId: run.practice_id, practiceName: practice.name, settings: toPracticeSettings(practice) },
        { clientId: run.journey.client_id, templateId: run.rule.template_id, note: '', dueOn: '', fee: '', partnerName: '', partnerEmail: '' },
        now,
      )
      const { error: doneError } = await admin.from('automation_runs').update({ form_request_id: requestId }).eq('id', run.id)
      if (doneError) throw dbFailure('record the automation', doneError)
      result.sent++
    } catch (sendError) {
      const { error: failError } = await admin.from('automation_runs').update({ state: 'failed', detail: why(sendError) }).eq('id', run.id)
      if (failError) throw dbFailure('record the automation', failError)
      result.failed++
    }
  }
  return result
}
