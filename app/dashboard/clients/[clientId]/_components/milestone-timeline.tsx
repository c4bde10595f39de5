'use client'
import { Pencil, Plus, Trash2 } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { Badge } from '@/components/ui/badge'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { Button } from '@/components/ui/button'
import type { CalendarDate } from '@/lib/dates/calendar-date'
import { deleteMilestoneAction, setMilestoneDoneAction, setMilestoneSharedAction } from '@/lib/milestones/actions'
import { MILESTONE_KIND_LABELS } from '@/lib/pregnancy/milestones'
import { cn } from '@/components/ui/cn'
import { formatDay } from '../../../_components/format'
import { MilestoneFormDialog, type EditableMilestone } from './milestone-form-dialog'

export interface TimelineMilestone extends EditableMilestone {
  done_at: string | null
  /** The practice's calendar day the milestone was planned (her journey started, or it was added). */
  plannedOn: CalendarDate
}

/**
 * Where an open milestone stands on `today`. One whose date had already gone by when it was planned
 * (a client who books at 30 weeks gets the 20-week consultation too) is history, not an alarm.
 */
function timing(m: TimelineMilestone, done: boolean, today: CalendarDate): 'done' | 'upcoming' | 'overdue' | 'before-planned' | 'undated' {
  if (done) return 'done'
  if (m.due_on === null) return 'undated'
  if (m.due_on < m.plannedOn) return 'before-planned'
  return m.due_on < today ? 'overdue' : 'upcoming'
}

/** Her milestone timeline: tick off, share, edit, add and delete, each on its own control. */
export function MilestoneTimeline({ journeyId, milestones, today }: { journeyId: string; milestones: TimelineMilestone[]; today: CalendarDate }) {
  const [adding, setAdding] = useState(false)
  return (
    <div className="flex flex-col gap-4">
      {milestones.length === 0 ? (
        <p className="text-sm text-muted-foreground">No milestones yet. Add a due date to plan them from your template, or add one here.</p>
      ) : (
        <ol className="flex flex-col divide-y divide-border" data-test="client-milestones">
          {milestones.map((m) => (
            <MilestoneRow key={m.id} journeyId={journeyId} milestone={m} today={today} />
          ))}
        </ol>
      )}
      <div>
        <Button variant="outline" size="sm" onClick={() => setAdding(true)} data-test="milestone-add">
          <Plus aria-hidden /> Add a milestone
        </Button>
      </div>
      {adding ? <MilestoneFormDialog journeyId={journeyId} open onOpenChange={setAdding} /> : null}
    </div>
  )
}

function MilestoneRow({ journeyId, milestone: m, today }: { journeyId: string; milestone: TimelineMilestone; today: CalendarDate }) {
  const [editing, setEditing] = useState(false)
  const done = useAction(setMilestoneDoneAction)
  const share = useAction(setMilestoneSharedAction)
  const remove = useAction(deleteMilestoneAction)
  // While a change is on its way, show it; the refreshed page then confirms it.
  const isDone = done.isPending && done.input ? done.input.done : m.done_at !== null
  const isShared = share.isPending && share.input ? share.input.shared : m.shared_with_client
  const when = timing(m, isDone, today)
  const overdue = when === 'overdue'
  const checkboxId = `milestone-done-${m.id}`
  const error = done.result.serverError ?? share.result.serverError
  return (
    <li
      className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:gap-4"
      data-test="milestone"
      data-milestone={m.title}
      data-timing={when}
    >
      <div className="flex min-w-0 flex-1 items-start gap-3">
        <input
          id={checkboxId}
          type="checkbox"
          className="mt-0.5 size-5 shrink-0 accent-success"
          checked={isDone}
          disabled={done.isPending}
          onChange={(e) => done.execute({ milestoneId: m.id, done: e.target.checked })}
          data-test="milestone-done"
        />
        <div className="min-w-0">
          <label htmlFor={checkboxId} className={cn('font-medium break-words', isDone && 'text-muted-foreground line-through decoration-1')}>
            {m.title}
          </label>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted-foreground">
            <span className={cn(overdue && 'font-medium text-primary')}>{m.due_on ? formatDay(m.due_on) : 'No date'}</span>
            {overdue ? <span className="sr-only">(past its date)</span> : null}
            {when === 'before-planned' ? <span data-test="milestone-before-planned">· Before she booked</span> : null}
            <Badge tone="calm">{MILESTONE_KIND_LABELS[m.kind]}</Badge>
            {isDone ? <Badge tone="success">Done</Badge> : null}
          </p>
          {error ? (
            <p role="alert" className="mt-1 text-sm text-danger">
              {error}
            </p>
          ) : null}
        </div>
      </div>
      <div className="ml-8 flex shrink-0 items-center gap-1 sm:ml-0">
        {/* One control says and sets whether she sees it: a switch, its label fixed, its state in aria-checked. */}
        <Button
          variant="ghost"
          size="sm"
          role="switch"
          className="group text-muted-foreground aria-checked:text-foreground"
          aria-checked={isShared}
          disabled={share.isPending}
          onClick={() => share.execute({ milestoneId: m.id, shared: !isShared })}
          data-test="milestone-share"
        >
          <span aria-hidden className="relative inline-flex h-4 w-7 shrink-0 rounded-full bg-border transition-colors group-aria-checked:bg-primary">
            <span className="absolute top-0.5 left-0.5 size-3 rounded-full bg-card shadow-sm transition-transform group-aria-checked:translate-x-3" />
          </span>
          <span>
            Shared<span className="sr-only"> “{m.title}”</span> with her
          </span>
        </Button>
        {/* The dialog starts from the saved row: opened while a tick or share is saving, it would write the old value back. */}
        <Button variant="ghost" size="sm" disabled={done.isPending || share.isPending} onClick={() => setEditing(true)} data-test="milestone-edit">
          <Pencil aria-hidden />
          <span>
            Edit<span className="sr-only"> “{m.title}”</span>
          </span>
        </Button>
        <ConfirmDialog
          trigger={
            <Button variant="ghost" size="sm" className="text-danger hover:text-danger" data-test="milestone-delete">
              <Trash2 aria-hidden />
              <span className="sr-only">Delete “{m.title}”</span>
            </Button>
          }
          action={remove}
          title="Delete this milestone?"
          description={`“${m.title}” is removed from her timeline${m.shared_with_client ? ' and from her portal' : ''}. Your template is not changed.`}
          confirmLabel="Delete milestone"
          onConfirm={() => remove.execute({ milestoneId: m.id })}
          test="milestone-delete-dialog"
        />
      </div>
      {editing ? <MilestoneFormDialog journeyId={journeyId} milestone={m} open onOpenChange={setEditing} /> : null}
    </li>
  )
}
