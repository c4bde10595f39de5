'use client'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { StatusMessage } from '@/components/ui/status-message'
import { moveJourneyAction } from '@/lib/journeys/actions'
import { selectClassName } from '../../../_components/select-field'
import { JOURNEY_STATUS_LABELS, type JourneyStatus, type MoveJourneyInput, MoveJourneySchema } from '@/lib/journeys/journey.schema'

const TARGETS = MoveJourneySchema.shape.status.options

/** The card's stage as a select: choosing another one moves the card (the page re-renders). */
export function MoveJourney({ journeyId, status, clientName }: { journeyId: string; status: JourneyStatus; clientName: string }) {
  const [selected, setSelected] = useState<string>(status)
  const move = useAction(moveJourneyAction, { onError: () => setSelected(status) })
  const id = `stage-${journeyId}`
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="sr-only">
        Stage of {clientName}
      </label>
      <select
        id={id}
        className={`${selectClassName} h-9`}
        value={selected}
        disabled={move.isPending}
        onChange={(e) => {
          setSelected(e.target.value)
          move.execute({ journeyId, status: e.target.value as MoveJourneyInput['status'] })
        }}
        data-test="board-move"
      >
        {TARGETS.map((s) => (
          <option key={s} value={s}>
            {s === 'complete' ? 'Complete (off the board)' : JOURNEY_STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      {move.result.serverError ? <StatusMessage tone="error">{move.result.serverError}</StatusMessage> : null}
    </div>
  )
}
