'use client'
import { CircleAlert, CircleCheck, LoaderCircle } from 'lucide-react'
import type { DraftState } from './use-draft-autosave'

const TIME = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' })

/** Where her draft stands, announced politely to screen readers. */
export function DraftStatus({ state }: { state: DraftState }) {
  return (
    <p role="status" aria-live="polite" className="flex min-h-6 items-center gap-1.5 text-sm text-muted-foreground" data-test="draft-status" data-state={state.kind}>
      {state.kind === 'saving' ? (
        <>
          <LoaderCircle aria-hidden className="size-4 animate-spin" /> Saving…
        </>
      ) : state.kind === 'saved' ? (
        <>
          <CircleCheck aria-hidden className="size-4 text-success" /> Draft saved at {TIME.format(new Date(state.at))}
        </>
      ) : state.kind === 'error' ? (
        <span className="flex items-center gap-1.5 text-danger">
          <CircleAlert aria-hidden className="size-4" /> Not saved: {state.message}
        </span>
      ) : (
        'Your answers are saved as you go.'
      )}
    </p>
  )
}
