import { Lock } from 'lucide-react'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import type { Note } from '@/lib/notes/notes.service'
import { formatInstant } from '../../../_components/format'
import { NoteEditor } from './note-editor'

export function NotesPanel({
  clientId,
  journeyId,
  notes,
  userId,
  timeZone,
}: {
  clientId: string
  journeyId: string | null
  notes: Note[]
  userId: string
  timeZone: string
}) {
  if (!journeyId) return <p className="text-muted-foreground">Start a journey for her to keep notes.</p>
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>New note</CardTitle>
          <CardDescription className="flex items-center gap-1.5">
            <Lock aria-hidden className="size-3.5" /> Private to your practice. She never sees these notes.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <NoteEditor clientId={clientId} journeyId={journeyId} label="New note" />
        </CardContent>
      </Card>
      {notes.length > 0 ? (
        <section aria-labelledby="earlier-notes">
          <h2 id="earlier-notes" className="mb-3 text-base font-semibold">
            Earlier notes
          </h2>
          <ul className="flex flex-col gap-3" data-test="notes-list">
            {notes.map((n) => (
              <li key={n.id} className="rounded-xl border border-border bg-card p-4 shadow-card">
                {n.authorId === userId ? (
                  <NoteEditor clientId={clientId} journeyId={journeyId} noteId={n.id} initialBody={n.body} label={`Note from ${formatInstant(n.updatedAt, timeZone)}`} />
                ) : (
                  <>
                    <p className="text-sm text-muted-foreground">{formatInstant(n.updatedAt, timeZone)}</p>
                    <p className="mt-1 whitespace-pre-wrap">{n.body}</p>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
