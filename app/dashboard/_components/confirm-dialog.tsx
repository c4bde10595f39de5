'use client'
import type { ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog'
import { StatusMessage } from '@/components/ui/status-message'

/** Asks before something is removed; the dialog stays open (with the error) when removal fails. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  pending,
  error,
  onConfirm,
  test,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description: ReactNode
  confirmLabel: string
  pending: boolean
  error?: string
  onConfirm: () => void
  test?: string
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-test={test}>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
        {error ? <StatusMessage tone="error" className="mt-4">{error}</StatusMessage> : null}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button variant="danger" disabled={pending} onClick={onConfirm} data-test="confirm-remove">
            {pending ? 'Removing…' : confirmLabel}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  )
}
