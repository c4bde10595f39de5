import 'server-only'
import { todayIn } from '@/lib/dates/calendar-date'
import { checkJourneyCapacity } from '@/lib/journeys/capacity'
import { BOOKED_STATUSES, dueDateMessage } from '@/lib/journeys/journey.schema'
import { journeyMilestones } from '@/lib/milestones/template.service'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import type { PracticeSettings } from '@/lib/practice/settings'
import { areMembers, listMembers } from '@/lib/team/queries'
import { ClientFormSchema, UpdateClientSchema, type ClientForm } from './client.schema'

/**
 * The checks only the server can make, all at once so the form can show every problem together.
 * `dueDateChanged` is false when an edit keeps the stored date: a postpartum client's due date is
 * legitimately weeks past and must not block editing her phone number.
 */
async function checkForm(
  db: Db,
  practice: PracticeSettings,
  form: ClientForm,
  { clientId, journeyId, dueDateChanged }: { clientId?: string; journeyId?: string; dueDateChanged: boolean },
): Promise<void> {
  const fields: Record<string, string> = {}
  const [members, duplicate] = await Promise.all([
    listMembers(db, practice.id),
    form.email
      ? db.from('clients').select('id').eq('practice_id', practice.id).eq('email', form.email).neq('id', clientId ?? '00000000-0000-0000-0000-000000000000').limit(1)
      : Promise.resolve(null),
  ])
  if (duplicate?.error) throw dbFailure('check the email address', duplicate.error)
  if (duplicate?.data.length) fields.email = 'Another client of your practice already uses this email address.'
  if (!areMembers(members, [form.primaryDoulaId])) fields.primaryDoulaId = 'Choose a doula from your team.'
  if (!areMembers(members, [form.backupDoulaId])) fields.backupDoulaId = 'Choose a doula from your team.'
  if (form.dueDate && dueDateChanged) {
    const message = dueDateMessage(form.dueDate, todayIn(practice.timeZone, new Date()))
    if (message) fields.dueDate = message
  }
  if (!fields.dueDate && form.dueDate && dueDateChanged && BOOKED_STATUSES.includes(form.status) && !form.acceptCapacityWarning) {
    const report = await checkJourneyCapacity(db, practice, form.dueDate, journeyId)
    if (report.exceeded) {
      fields.dueDate = `Your practice takes at most ${report.rule.maxDueDates} due dates within ${report.rule.windowDays} days of each other. Confirm below to book her anyway.`
    }
  }
  if (Object.keys(fields).length > 0) throw new FieldErrors(fields)
}


/** Creates a client and her first journey, with the practice's milestone timeline when she has a due date. */
export async function createClient(db: Db, practice: PracticeSettings, input: unknown): Promise<{ clientId: string; journeyId: string }> {
  const form = parseOrFieldErrors(ClientFormSchema, input)
  const [, milestones] = await Promise.all([checkForm(db, practice, form, { dueDateChanged: true }), journeyMilestones(db, practice.id, form.dueDate)])
  const { data, error } = await db
    .rpc('create_client_with_journey', {
      p_practice_id: practice.id,
      p_first_name: form.firstName,
      p_last_name: form.lastName,
      p_preferred_name: form.preferredName ?? undefined,
      p_pronouns: form.pronouns ?? undefined,
      p_email: form.email ?? undefined,
      p_phone: form.phone ?? undefined,
      p_due_date: form.dueDate ?? undefined,
      p_status: form.status,
      p_primary_doula_id: form.primaryDoulaId ?? undefined,
      p_backup_doula_id: form.backupDoulaId ?? undefined,
      p_milestones: milestones,
    })
    .single()
  if (error?.code === PG_ERROR.uniqueViolation) throw new FieldErrors({ email: 'Another client of your practice already uses this email address.' })
  // Any member may add a client, so RLS refusing the insert means the practice is not hers.
  if (error?.code === PG_ERROR.insufficientPrivilege) throw notFound('practice')
  if (error) throw dbFailure('save this client', error)
  return { clientId: data.client_id, journeyId: data.journey_id }
}

/** Saves the client's details and her current journey's due date, status and doulas. */
export async function updateClient(db: Db, practice: PracticeSettings, input: unknown): Promise<{ clientId: string }> {
  const { clientId, ...form } = parseOrFieldErrors(UpdateClientSchema, input)
  const { data: existing, error: loadError } = await db
    .from('clients')
    .select('id, journeys(id, due_date, created_at)')
    .eq('practice_id', practice.id)
    .eq('id', clientId)
    .order('created_at', { referencedTable: 'journeys', ascending: false })
    .limit(1, { referencedTable: 'journeys' })
    .maybeSingle()
  if (loadError) throw dbFailure('load this client', loadError)
  if (!existing) throw notFound('client')
  const journey = existing.journeys[0]
  await checkForm(db, practice, form, { clientId, journeyId: journey?.id, dueDateChanged: form.dueDate !== (journey?.due_date ?? null) })

  // One statement: the client and her journey are saved together or not at all.
  const { error } = await db.rpc('update_client_with_journey', {
    p_practice_id: practice.id,
    p_client_id: clientId,
    p_client: {
      first_name: form.firstName,
      last_name: form.lastName,
      preferred_name: form.preferredName,
      pronouns: form.pronouns,
      email: form.email,
      phone: form.phone,
    },
    p_journey_id: journey?.id,
    p_journey: {
      due_date: form.dueDate,
      status: form.status,
      primary_doula_id: form.primaryDoulaId,
      backup_doula_id: form.backupDoulaId,
    },
  })
  if (error?.code === PG_ERROR.uniqueViolation) throw new FieldErrors({ email: 'Another client of your practice already uses this email address.' })
  if (error?.code === PG_ERROR.noDataFound) throw notFound('client')
  if (error) throw dbFailure('save this client', error)
  return { clientId }
}

/** Hides the client from active lists (or brings her back); her records are kept. */
export async function setClientArchived(db: Db, practiceId: string, clientId: string, archived: boolean): Promise<void> {
  const { data, error } = await db
    .from('clients')
    .update({ archived_at: archived ? new Date().toISOString() : null })
    .eq('practice_id', practiceId)
    .eq('id', clientId)
    .select('id')
  if (error) throw dbFailure('archive this client', error)
  if (data.length === 0) throw notFound('client')
}
