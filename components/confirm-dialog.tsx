'use client'
import { useRef, useState, type ReactElement, type ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { StatusMessage } from '@/components/ui/status-message'

/**
 * Moves focus to the element with `id` (the page's `main` if it is gone). A section or heading is not
 * focusable by default; tabindex -1 lets it take focus without joining the tab order.
 */
function focusById(id: string) {
  const target = document.getElementById(id) ?? document.getElementById('main')
  if (!target) return
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  target.focus()
}

/** What the dialog follows of a next-safe-action `useAction` result. */
export interface ConfirmableAction {
  isPending: boolean
  hasSucceeded: boolean
  result: { serverError?: string }
  reset: () => void
}

/**
 * Asks before something is removed, then runs `onConfirm` and follows `action`: the dialog stays open
 * (with the error) when it fails and closes once it succeeds. Focus goes back to `trigger` when the
 * dialog is dismissed; after a success the trigger is about to disappear with what it removed, so
 * focus goes to `focusWhenDone` (an element id) instead.
 */
export function ConfirmDialog({
  trigger,
  action,
  title,
  description,
  confirmLabel,
  cancelLabel = 'Cancel',
  pendingLabel = 'Removing…',
  focusWhenDone = 'main',
  onConfirm,
  test,
}: {
  /** The one button that opens the dialog. */
  trigger: ReactElement
  action: ConfirmableAction
  title: string
  description: ReactNode
  confirmLabel: string
  /** The button that backs out; rename it where "Cancel" would read as the destructive choice. */
  cancelLabel?: string
  pendingLabel?: string
  focusWhenDone?: string
  onConfirm: () => void
  test?: string
}) {
  const triggerRef = useRef<HTMLButtonElement>(null)
  const [open, setOpen] = useState(false)
  const done = action.hasSucceeded
  const error = action.result.serverError
  return (
    <Dialog
      open={open && !done}
      onOpenChange={(next) => {
        // Opening starts a fresh attempt; dismissing forgets a failed one.
        action.reset()
        setOpen(next)
      }}
    >
      <DialogTrigger asChild ref={triggerRef}>
        {trigger}
      </DialogTrigger>
      <DialogContent
        data-test={test}
        onCloseAutoFocus={(event) => {
          // Radix returns focus to the trigger unless prevented; a detached trigger would drop it on <body>.
          if (!done && triggerRef.current?.isConnected) return
          event.preventDefault()
          focusById(focusWhenDone)
        }}
      >
        <DialogTitle className="pr-6 break-words">{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
        {error ? <StatusMessage tone="error" className="mt-4">{error}</StatusMessage> : null}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="outline" data-test="confirm-cancel">
              {cancelLabel}
            </Button>
          </DialogClose>
          <Button variant="danger" disabled={action.isPending} onClick={onConfirm} data-test="confirm-remove">
            {action.isPending ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  )
}
