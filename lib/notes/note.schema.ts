import { z } from 'zod'

export const NOTE_MAX_LENGTH = 20_000

/**
 * One autosave of a private note. Without `noteId` the first save creates it; an emptied note is
 * deleted rather than stored blank.
 */
export const SaveNoteSchema = z
  .object({
    noteId: z.uuid().optional(),
    clientId: z.uuid(),
    journeyId: z.uuid().optional(),
    appointmentId: z.uuid().optional(),
    body: z.string().max(NOTE_MAX_LENGTH, `Notes are limited to ${NOTE_MAX_LENGTH.toLocaleString('en-US')} characters.`),
  })
  .refine((v) => v.journeyId || v.appointmentId, { path: ['journeyId'], message: 'A note belongs to a journey or an appointment.' })
export type SaveNoteInput = z.input<typeof SaveNoteSchema>
