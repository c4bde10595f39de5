'use client'
import { useAction } from 'next-safe-action/hooks'
import { useEffect, useId, useRef, useState } from 'react'
import { saveNoteAction } from '@/lib/notes/actions'
import { NOTE_MAX_LENGTH } from '@/lib/notes/note.schema'

type SaveState = { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string }

const AUTOSAVE_DELAY_MS = 800

/**
 * A textarea that saves itself a moment after typing stops. Saves run one at a time in order, so
 * the first save's new note id is known before the next save and a note is never created twice.
 */
export function NoteEditor({
  clientId,
  journeyId,
  appointmentId,
  noteId,
  initialBody = '',
  label,
}: {
  clientId: string
  /** A note belongs to a journey or to one appointment. */
  journeyId?: string
  appointmentId?: string
  noteId?: string
  initialBody?: string
  label: string
}) {
  const id = useId()
  const [body, setBody] = useState(initialBody)
  const [state, setState] = useState<SaveState>({ kind: 'idle' })
  const noteIdRef = useRef<string | undefined>(noteId)
  const queue = useRef<Promise<void>>(Promise.resolve())
  const lastSaved = useRef(initialBody)
  const { executeAsync } = useAction(saveNoteAction)

  useEffect(() => {
    if (body === lastSaved.current) return
    setState({ kind: 'dirty' })
    const timer = setTimeout(() => {
      queue.current = queue.current.then(async () => {
        setState({ kind: 'saving' })
        const result = await executeAsync({ clientId, journeyId, appointmentId, noteId: noteIdRef.current, body })
        if (result?.data) {
          noteIdRef.current = result.data.noteId ?? undefined
          lastSaved.current = body
          setState({ kind: 'saved', at: new Date() })
        } else {
          setState({ kind: 'error', message: result?.validationErrors?.body?._errors?.[0] ?? result?.serverError ?? 'Not saved. Check your connection; we will retry when you type.' })
        }
      })
    }, AUTOSAVE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [body, clientId, journeyId, appointmentId, executeAsync])

  // Warn before leaving with words not yet saved.
  useEffect(() => {
    if (state.kind !== 'dirty' && state.kind !== 'saving') return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [state.kind])

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={NOTE_MAX_LENGTH}
        rows={5}
        placeholder="What happened, how she is feeling, what to follow up…"
        className="w-full rounded-md border border-input bg-card px-3 py-2 text-base shadow-xs focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring sm:text-sm"
        data-test="note-editor"
        aria-describedby={`${id}-status`}
      />
      <p id={`${id}-status`} role="status" className={state.kind === 'error' ? 'text-sm text-danger' : 'text-sm text-muted-foreground'} data-test="note-status">
        {state.kind === 'idle' && (initialBody ? 'Saved' : 'Notes save as you type.')}
        {state.kind === 'dirty' && 'Unsaved changes…'}
        {state.kind === 'saving' && 'Saving…'}
        {state.kind === 'saved' && `Saved at ${state.at.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })}`}
        {state.kind === 'error' && state.message}
      </p>
    </div>
  )
}
