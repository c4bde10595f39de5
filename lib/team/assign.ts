import 'server-only'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { FieldErrors, parseOrFieldErrors } from '@/lib/server/field-errors'
import { areMembers, listMembers } from './queries'
import { AssignDoulasSchema } from './team.schema'

const NOT_A_MEMBER = 'Choose a doula from your team.'

/**
 * Sets a journey's primary and backup doula (any member may, as on the client form). The composite
 * FKs and the distinctness check back this up in the database; checking first puts the message on
 * the field instead of failing the whole save.
 */
export async function assignDoulas(db: Db, practiceId: string, input: unknown): Promise<void> {
  const form = parseOrFieldErrors(AssignDoulasSchema, input)
  const primary = form.primaryDoulaId || null
  const backup = form.backupDoulaId || null
  const members = await listMembers(db, practiceId)
  const fields: Record<string, string> = {}
  if (!areMembers(members, [primary])) fields.primaryDoulaId = NOT_A_MEMBER
  if (!areMembers(members, [backup])) fields.backupDoulaId = NOT_A_MEMBER
  if (Object.keys(fields).length > 0) throw new FieldErrors(fields)
  const { data, error } = await db
    .from('journeys')
    .update({ primary_doula_id: primary, backup_doula_id: backup })
    .eq('id', form.journeyId)
    .eq('practice_id', practiceId)
    .select('id')
  if (error) throw dbFailure('assign the doulas', error)
  if (data.length !== 1) throw notFound('journey')
}
