'use client'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { StatusMessage } from '@/components/ui/status-message'
import { cancelAppointmentAction } from '@/lib/appointments/actions'

/** Cancels after a confirmation. The appointment stays in the history, marked cancelled. */
export function CancelAppointment({ appointmentId, summary }: { appointmentId: string; summary: string }) {
  const [open, setOpen] = useState(false)
  const cancel = useAction(cancelAppointmentAction, { onSuccess: () => setOpen(false) })
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" data-test="appointment-cancel">
          Cancel<span className="sr-only"> {summary}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Cancel this appointment?</DialogTitle>
        <DialogDescription>{summary}. It stays in her history, marked cancelled, and leaves your calendar feed.</DialogDescription>
        {cancel.result.serverError ? <StatusMessage tone="error" className="mt-4">{cancel.result.serverError}</StatusMessage> : null}
        <div className="mt-6 flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="outline">Keep it</Button>
          </DialogClose>
          <Button variant="danger" disabled={cancel.isPending} onClick={() => cancel.execute({ appointmentId })} data-test="appointment-cancel-confirm">
            {cancel.isPending ? 'Cancelling…' : 'Cancel appointment'}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  )
}
