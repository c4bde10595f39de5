'use server'
import { withFieldErrors } from '@/lib/server/field-errors'
import { practiceActionClient } from '@/lib/server/action-client'
import { SaveNoteSchema } from './note.schema'
import { saveNote } from './notes.service'

/** Called by the autosaving editor; no revalidation, the editor already shows what was saved. */
export const saveNoteAction = practiceActionClient.inputSchema(SaveNoteSchema).action(async ({ clientInput, ctx }) =>
  withFieldErrors(SaveNoteSchema, () => saveNote(ctx.db, ctx.practice.practiceId, clientInput)),
)
