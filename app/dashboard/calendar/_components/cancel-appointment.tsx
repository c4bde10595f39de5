'use client'
import { useAction } from 'next-safe-action/hooks'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { Button } from '@/components/ui/button'
import { cancelAppointmentAction } from '@/lib/appointments/actions'

/**
 * Cancels after a confirmation. The appointment stays in the history, marked cancelled, and loses this
 * button; focus then lands on its row (`focusWhenDone`), or on the page where the view hides cancelled ones.
 */
export function CancelAppointment({ appointmentId, summary, focusWhenDone }: { appointmentId: string; summary: string; focusWhenDone: string }) {
  const cancel = useAction(cancelAppointmentAction)
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" data-test="appointment-cancel">
          Cancel<span className="sr-only"> {summary}</span>
        </Button>
      }
      action={cancel}
      title="Cancel this appointment?"
      description={`${summary}. It stays in her history, marked cancelled, and leaves your calendar feed.`}
      confirmLabel="Cancel appointment"
      cancelLabel="Keep it"
      pendingLabel="Cancelling…"
      focusWhenDone={focusWhenDone}
      onConfirm={() => cancel.execute({ appointmentId })}
      test="appointment-cancel-dialog"
    />
  )
}
