import 'server-only'
import { AppError } from '@/lib/errors'
import { sendForm } from '@/lib/paperwork/send.service'
import { PRACTICE_SETTINGS_COLUMNS, toPracticeSettings } from '@/lib/practice/settings'
import { dbFailure, type Db } from '@/lib/server/db'
import { FieldErrors } from '@/lib/server/field-errors'

const PAUSED = new Set(['complete', 'archived'])

/** Why a send failed, in words for the history; anything unexpected is logged and named generically. */
function why(error: unknown): string {
  if (error instanceof FieldErrors) return Object.values(error.fields).join(' ')
  if (error instanceof AppError) return error.message
  console.error('[automations] sending a form failed', error)
  return 'Sending failed unexpectedly. Send the form from her page.'
}

export interface RunnerResult {
  /** Due-date runs recorded (done, skipped, failed or queued). */
  due: number
  sent: number
  failed: number
  skipped: number
}

/**
 * The automations cron (service role). First the due-date actions: one SQL call finds the milestones
 * whose date has arrived in their practice's zone and acts once on each (messages and to-dos at once,
 * forms queued). Then every queued form, of status rules and due dates alike, is sent.
 */
export async function runAutomations(admin: Db, now = new Date()): Promise<RunnerResult> {
  const { data: due, error } = await admin.rpc('claim_milestone_automations', { p_now: now.toISOString() })
  if (error) throw dbFailure('run the due-date automations', error)
  return { due, ...(await runPendingAutomations(admin, now)) }
}

/**
 * Sends the queued forms. Each pending run is claimed by one update from pending, so two runners
 * never send the same form; a run whose journey has since been archived or completed is skipped, and
 * a failed send (refused or unexpected) is kept as failed with the reason, never lost.
 */
export async function runPendingAutomations(admin: Db, now = new Date()): Promise<{ sent: number; failed: number; skipped: number }> {
  const { data: runs, error } = await admin
    .from('automation_runs')
    .select('id, practice_id, journey_id, form_template_id, journey:journeys!inner(client_id, status)')
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
    const failure = await sendQueuedForm(admin, run, now)
    if (failure) {
      const { error: failError } = await admin.from('automation_runs').update({ state: 'failed', detail: failure }).eq('id', run.id)
      if (failError) throw dbFailure('record the automation', failError)
      result.failed++
    } else {
      result.sent++
    }
  }
  return result
}

/** Sends one claimed run's form and links it to the run; returns why it failed, or null. */
async function sendQueuedForm(
  admin: Db,
  run: { id: string; practice_id: string; form_template_id: string | null; journey: { client_id: string } },
  now: Date,
): Promise<string | null> {
  if (!run.form_template_id) return 'The form to send was deleted.'
  try {
    const { data: practice, error: practiceError } = await admin.from('practices').select(PRACTICE_SETTINGS_COLUMNS).eq('id', run.practice_id).single()
    if (practiceError) throw dbFailure('load the practice', practiceError)
    const { requestId } = await sendForm(
      admin,
      { practiceId: run.practice_id, practiceName: practice.name, settings: toPracticeSettings(practice) },
      { clientId: run.journey.client_id, templateId: run.form_template_id, note: '', dueOn: '', fee: '', partnerName: '', partnerEmail: '' },
      now,
    )
    const { error: doneError } = await admin.from('automation_runs').update({ form_request_id: requestId }).eq('id', run.id)
    if (doneError) throw dbFailure('record the automation', doneError)
    return null
  } catch (sendError) {
    return why(sendError)
  }
}
