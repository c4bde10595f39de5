'use client'
import { ArrowDown, ArrowUp, Pencil, Plus, Trash2 } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { moveTemplateItemAction, removeTemplateItemAction } from '@/lib/milestones/actions'
import type { MilestoneAction } from '@/lib/milestones/template.schema'
import type { TemplateItem } from '@/lib/milestones/template.service'
import { describeOffset, MILESTONE_KIND_LABELS } from '@/lib/pregnancy/milestones'
import { TemplateItemDialog } from './template-item-dialog'

type Forms = { value: string; label: string }[]

/** What an item does on its date, in a few words. */
function describeAction(item: TemplateItem): string | null {
  const what: Record<MilestoneAction, () => string> = {
    send_message: () => 'On its date: message her',
    send_form: () => (item.actionFormName ? `On its date: send “${item.actionFormName}”` : 'On its date: send a form (deleted: choose another)'),
    create_task: () => `On its date: to-do “${item.actionTaskTitle ?? ''}”`,
  }
  return item.action ? what[item.action]() : null
}

/** The template list; owners and admins get the controls, doulas the same list read-only. */
export function TemplateEditor({ items, forms, canEdit }: { items: TemplateItem[]; forms: Forms; canEdit: boolean }) {
  const [adding, setAdding] = useState(false)
  const move = useAction(moveTemplateItemAction)
  return (
    <div className="flex flex-col gap-4">
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">Your template is empty: new clients start without milestones.</p>
      ) : (
        <ol className="flex flex-col divide-y divide-border" data-test="template-items">
          {items.map((item, index) => (
            <TemplateRow
              key={item.id}
              item={item}
              forms={forms}
              canEdit={canEdit}
              first={index === 0}
              last={index === items.length - 1}
              moving={move.isPending}
              onMove={(direction) => move.execute({ itemId: item.id, direction })}
            />
          ))}
        </ol>
      )}
      {move.result.serverError ? <StatusMessage tone="error">{move.result.serverError}</StatusMessage> : null}
      {canEdit ? (
        <div>
          <Button variant="outline" size="sm" onClick={() => setAdding(true)} data-test="template-add">
            <Plus aria-hidden /> Add an item
          </Button>
        </div>
      ) : null}
      {adding ? <TemplateItemDialog forms={forms} onOpenChange={setAdding} /> : null}
    </div>
  )
}

function TemplateRow({
  item,
  forms,
  canEdit,
  first,
  last,
  moving,
  onMove,
}: {
  item: TemplateItem
  forms: Forms
  canEdit: boolean
  first: boolean
  last: boolean
  moving: boolean
  onMove: (direction: 'up' | 'down') => void
}) {
  const [editing, setEditing] = useState(false)
  const remove = useAction(removeTemplateItemAction)
  const action = describeAction(item)
  return (
    <li className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:gap-4" data-test="template-item" data-item={item.title}>
      <div className="min-w-0 flex-1">
        <p className="font-medium break-words">{item.title}</p>
        <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted-foreground">
          <span>{describeOffset(item.offsetDays)}</span>
          <Badge tone="calm">{MILESTONE_KIND_LABELS[item.kind]}</Badge>
          <Badge tone={item.sharedWithClient ? 'accent' : 'neutral'}>{item.sharedWithClient ? 'Shared with the client' : 'Practice only'}</Badge>
        </p>
        {action ? (
          <p className="mt-0.5 text-sm break-words" data-test="template-item-action">
            {action}
          </p>
        ) : null}
      </div>
      {canEdit ? (
        <div className="flex shrink-0 items-center gap-1">
          <Button variant="ghost" size="sm" disabled={first || moving} onClick={() => onMove('up')} data-test="template-move-up">
            <ArrowUp aria-hidden />
            <span className="sr-only">Move “{item.title}” up</span>
          </Button>
          <Button variant="ghost" size="sm" disabled={last || moving} onClick={() => onMove('down')} data-test="template-move-down">
            <ArrowDown aria-hidden />
            <span className="sr-only">Move “{item.title}” down</span>
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setEditing(true)} data-test="template-edit">
            <Pencil aria-hidden />
            <span>
              Edit<span className="sr-only"> “{item.title}”</span>
            </span>
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" className="text-danger hover:text-danger" data-test="template-remove">
                <Trash2 aria-hidden />
                <span className="sr-only">Remove “{item.title}”</span>
              </Button>
            }
            action={remove}
            title="Remove this item?"
            description={`New clients will not get “${item.title}”. Timelines already planned keep it.`}
            confirmLabel="Remove item"
            onConfirm={() => remove.execute({ itemId: item.id })}
            test="template-remove-dialog"
          />
        </div>
      ) : null}
      {editing ? <TemplateItemDialog item={item} forms={forms} onOpenChange={setEditing} /> : null}
    </li>
  )
}
