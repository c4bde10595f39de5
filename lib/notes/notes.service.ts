import 'server-only'
import { dbFailure, notFound, PG_ERROR, type Db } from '@/lib/server/db'
import { parseOrFieldErrors } from '@/lib/server/field-errors'
import { SaveNoteSchema } from './note.schema'

export interface Note {
  id: string
  body: string
  authorId: string | null
  updatedAt: string
}

/** Private notes of a journey, newest first. The notes table has no client policy at all. */
export async function listJourneyNotes(db: Db, practiceId: string, journeyId: string): Promise<Note[]> {
  const { data, error } = await db
    .from('notes')
    .select('id, body, author_id, updated_at')
    .eq('practice_id', practiceId)
    .eq('journey_id', journeyId)
    .order('created_at', { ascending: false })
    .limit(50)
  if (error) throw dbFailure('load the notes', error)
  return data.map((n) => ({ id: n.id, body: n.body, authorId: n.author_id, updatedAt: n.updated_at }))
}

/**
 * One autosave. Returns the note's id (null once an emptied note is deleted). Another practice's
 * ids, or another author's note, are `not_found`: RLS lets only the author update her note.
 */
export async function saveNote(db: Db, practiceId: string, input: unknown): Promise<{ noteId: string | null; savedAt: string | null }> {
  const note = parseOrFieldErrors(SaveNoteSchema, input)
  const blank = note.body.trim() === ''
  if (note.noteId && blank) {
    const { data, error } = await db.from('notes').delete().eq('practice_id', practiceId).eq('id', note.noteId).select('id')
    if (error) throw dbFailure('clear the note', error)
    if (data.length === 0) throw notFound('note')
    return { noteId: null, savedAt: null }
  }
  if (blank) return { noteId: null, savedAt: null }
  if (note.noteId) {
    const { data, error } = await db
      .from('notes')
      .update({ body: note.body })
      .eq('practice_id', practiceId)
      .eq('id', note.noteId)
      .select('id, updated_at')
    if (error) throw dbFailure('save the note', error)
    const row = data[0]
    if (!row) throw notFound('note')
    return { noteId: row.id, savedAt: row.updated_at }
  }
  const { data, error } = await db
    .from('notes')
    .insert({
      practice_id: practiceId,
      client_id: note.clientId,
      journey_id: note.journeyId ?? null,
      appointment_id: note.appointmentId ?? null,
      body: note.body,
    })
    .select('id, updated_at')
    .single()
  // A foreign key or policy failure means the journey is not this practice's: the same answer as a missing one.
  if (error && (error.code === PG_ERROR.foreignKeyViolation || error.code === PG_ERROR.insufficientPrivilege)) throw notFound('journey')
  if (error) throw dbFailure('save the note', error)
  return { noteId: data.id, savedAt: data.updated_at }
}
