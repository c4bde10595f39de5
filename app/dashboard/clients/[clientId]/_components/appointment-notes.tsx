import { Lock } from 'lucide-react'
import type { AppointmentNote } from '@/lib/appointments/queries'
import { NoteEditor } from './note-editor'

/**
 * The private notes on one appointment: her own note is editable (saved as she types), a colleague's
 * is read-only, since only the author may edit a note.
 */
export function AppointmentNotes({ clientId, appointmentId, notes, userId }: { clientId: string; appointmentId: string; notes: AppointmentNote[]; userId: string }) {
  const mine = notes.find((n) => n.authorId === userId)
  const others = notes.filter((n) => n !== mine)
  return (
    <details className="basis-full text-sm" data-test="appointment-note" open={notes.length > 0 ? true : undefined}>
      <summary className="inline-flex cursor-pointer items-center gap-1.5 rounded text-muted-foreground hover:text-foreground">
        <Lock aria-hidden className="size-3.5" /> Private note{notes.length > 0 ? ` (${notes.length})` : ''}
      </summary>
      <div className="mt-2 flex flex-col gap-3">
        {others.map((n) => (
          <p key={n.id} className="whitespace-pre-wrap rounded-md bg-muted/60 p-3">
            {n.body}
          </p>
        ))}
        <NoteEditor clientId={clientId} appointmentId={appointmentId} noteId={mine?.id} initialBody={mine?.body ?? ''} label="Your note (never shown to her)" />
      </div>
    </details>
  )
}
