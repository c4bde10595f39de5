import 'server-only'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import { parseOrFieldErrors } from '@/lib/server/field-errors'
import { refusal } from '@/lib/server/db'
import { ArchiveTemplateSchema, PaperworkSettingsSchema, TemplateSchema, toStoredField } from './template.schema'

async function practiceIsVisible(db: Db, practiceId: string): Promise<boolean> {
  const { data, error } = await db.from('practices').select('id').eq('id', practiceId).maybeSingle()
  if (error) throw dbFailure('load the practice', error)
  return data !== null
}

async function templateIsVisible(db: Db, practiceId: string, templateId: string): Promise<boolean> {
  const { data, error } = await db.from('form_templates').select('id').eq('practice_id', practiceId).eq('id', templateId).maybeSingle()
  if (error) throw dbFailure('load this form', error)
  return data !== null
}

/**
 * Creates a template or saves a new version of one (owners and admins; RLS refuses anyone else).
 * The database raises the version when the content changed; forms already sent keep their snapshot.
 */
export async function saveTemplate(db: Db, practiceId: string, input: unknown): Promise<{ templateId: string; version: number }> {
  const t = parseOrFieldErrors(TemplateSchema, input)
  const content = {
    name: t.name,
    description: t.description,
    body: t.kind === 'agreement' ? t.body : '',
    fields: t.fields.map(toStoredField),
  }
  if (t.templateId) {
    const { data, error } = await db
      .from('form_templates')
      .update(content)
      .eq('practice_id', practiceId)
      .eq('id', t.templateId)
      .eq('kind', t.kind)
      .select('id, version')
    if (error) throw dbFailure('save this form', error)
    const saved = data[0]
    if (!saved) throw refusal(await templateIsVisible(db, practiceId, t.templateId), 'form')
    return { templateId: saved.id, version: saved.version }
  }
  const { data, error } = await db
    .from('form_templates')
    .insert({ practice_id: practiceId, kind: t.kind, ...content })
    .select('id, version')
    .single()
  if (error?.code === PG_ERROR.insufficientPrivilege) throw refusal(await practiceIsVisible(db, practiceId), 'practice')
  if (error) throw dbFailure('create this form', error)
  return { templateId: data.id, version: data.version }
}

/** Archived templates stay readable (and their sent forms untouched) but are not offered for sending. */
export async function setTemplateArchived(db: Db, practiceId: string, input: unknown): Promise<void> {
  const { templateId, archived } = parseOrFieldErrors(ArchiveTemplateSchema, input)
  const { data, error } = await db
    .from('form_templates')
    .update({ archived_at: archived ? new Date().toISOString() : null })
    .eq('practice_id', practiceId)
    .eq('id', templateId)
    .select('id')
  if (error) throw dbFailure('archive this form', error)
  if (data.length === 0) throw refusal(await templateIsVisible(db, practiceId, templateId), 'form')
}

export interface PaperworkSettings {
  countersigner: 'admins' | 'primary_doula'
  reminders: boolean
}

export async function getPaperworkSettings(db: Db, practiceId: string): Promise<PaperworkSettings> {
  const { data, error } = await db.from('practices').select('form_countersigner, form_reminders').eq('id', practiceId).maybeSingle()
  if (error) throw dbFailure('load the paperwork settings', error)
  if (!data) throw notFound('practice')
  return { countersigner: data.form_countersigner === 'primary_doula' ? 'primary_doula' : 'admins', reminders: data.form_reminders }
}

/** Who countersigns agreements, and whether clients get reminders (owners and admins; audited by the practices trigger). */
export async function savePaperworkSettings(db: Db, practiceId: string, input: unknown): Promise<PaperworkSettings> {
  const s = parseOrFieldErrors(PaperworkSettingsSchema, input)
  const { data, error } = await db
    .from('practices')
    .update({ form_countersigner: s.countersigner, form_reminders: s.reminders })
    .eq('id', practiceId)
    .select('id')
  if (error) throw dbFailure('save the paperwork settings', error)
  if (data.length === 0) throw refusal(await practiceIsVisible(db, practiceId), 'practice')
  return s
}
