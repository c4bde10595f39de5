'use client'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
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
}

/** Role select and remove button for one member; the page renders it only where the actor may act. */
export function MemberActions({ userId, name, role, actorIsOwner }: MemberActionsProps) {
  // Shown at once; put back if the action refuses (e.g. the last owner stepping down).
  const [selected, setSelected] = useState(role)
  const change = useAction(changeRoleAction, { onError: () => setSelected(role) })
  const remove = useAction(removeMemberAction)
  const [open, setOpen] = useState(false)
  const roles = actorIsOwner ? MEMBER_ROLES : MEMBER_ROLES.filter((r) => r !== 'owner')
  const error = change.result.serverError ?? remove.result.serverError
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
            remove.reset()
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
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            <Button type="button" variant="outline" size="sm" className="h-9" data-test="member-remove">
              Remove<span className="sr-only"> {name}</span>
            </Button>
          </DialogTrigger>
          <DialogContent>
            <DialogTitle>Remove {name}?</DialogTitle>
            <DialogDescription>
              She loses access to the practice at once. Her journeys keep their other doula; where she was primary or backup, the slot is
              left empty for you to fill.
            </DialogDescription>
            <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <DialogClose asChild>
                <Button type="button" variant="outline">
                  Cancel
                </Button>
              </DialogClose>
              <Button
                type="button"
                variant="danger"
                disabled={remove.isPending}
                onClick={() => {
                  change.reset()
                  remove.execute({ userId })
                  setOpen(false)
                }}
                data-test="member-remove-confirm"
              >
                {remove.isPending ? 'Removing…' : 'Remove from the team'}
              </Button>
            </div>
          </DialogContent>
        </Dialog>
      </div>
      {error ? <StatusMessage tone="error">{error}</StatusMessage> : null}
      {change.hasSucceeded ? (
        <div data-test="member-role-saved">
          <StatusMessage tone="success">{ROLE_LABELS[selected]} role saved.</StatusMessage>
        </div>
      ) : null}
    </div>
  )
}
