'use client'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import type { PracticeRole } from '@/lib/practice/practice.schema'
import { changeRoleAction, removeMemberAction } from '@/lib/team/actions'
import { MEMBER_ROLES, ROLE_LABELS } from '@/lib/team/team.schema'
import { selectClassName } from '../../_components/select-field'

export interface MemberActionsProps {
  userId: string
  name: string
  role: PracticeRole
  /** Admins may not touch owners nor make anyone an owner (the action refuses it too). */
  actorIsOwner: boolean
  /** Where focus lands once she is removed and her row, with this button, is gone. */
  focusWhenRemoved: string
}

/** Role select and remove button for one member; the page renders it only where the actor may act. */
export function MemberActions({ userId, name, role, actorIsOwner, focusWhenRemoved }: MemberActionsProps) {
  // Shown at once; put back if the action refuses (e.g. the last owner stepping down).
  const [selected, setSelected] = useState(role)
  const change = useAction(changeRoleAction, { onError: () => setSelected(role) })
  // A refusal (such as the last owner) stays in the dialog, next to the button that caused it.
  const remove = useAction(removeMemberAction)
  const roles = actorIsOwner ? MEMBER_ROLES : MEMBER_ROLES.filter((r) => r !== 'owner')
  return (
    <div className="flex flex-col items-stretch gap-2 sm:items-end">
      <div className="flex items-center gap-2">
        <label htmlFor={`role-${userId}`} className="sr-only">
          Role of {name}
        </label>
        <select
          id={`role-${userId}`}
          className={`${selectClassName} h-9 w-32`}
          value={selected}
          disabled={change.isPending}
          onChange={(e) => {
            const next = e.target.value as PracticeRole
            setSelected(next)
            change.execute({ userId, role: next })
          }}
          data-test="member-role"
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <ConfirmDialog
          trigger={
            <Button type="button" variant="outline" size="sm" className="h-9" data-test="member-remove">
              Remove<span className="sr-only"> {name}</span>
            </Button>
          }
          action={remove}
          title={`Remove ${name}?`}
          description="She loses access to the practice at once. Her journeys keep their other doula; where she was primary or backup, the slot is left empty for you to fill."
          confirmLabel="Remove from the team"
          focusWhenDone={focusWhenRemoved}
          onConfirm={() => {
            change.reset()
            remove.execute({ userId })
          }}
          test="member-remove-dialog"
        />
      </div>
      {change.result.serverError ? <StatusMessage tone="error">{change.result.serverError}</StatusMessage> : null}
      {change.hasSucceeded ? (
        <div data-test="member-role-saved">
          <StatusMessage tone="success">{ROLE_LABELS[selected]} role saved.</StatusMessage>
        </div>
      ) : null}
    </div>
  )
}
