'use client'
import { Plus } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import type { AppointmentFormInput } from '@/lib/appointments/appointment.schema'
import { AppointmentForm } from './appointment-form'

type Option = { value: string; label: string }

/** The booking form in a dialog, opened by `trigger` (a "New appointment" button by default). */
export function AppointmentDialog({
  values,
  timeZone,
  members,
  clients,
  trigger,
  title,
}: {
  values: AppointmentFormInput
  timeZone: string
  members: Option[]
  clients?: Option[]
  trigger?: ReactNode
  title?: string
}) {
  const [open, setOpen] = useState(false)
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {trigger ?? (
          <button
            type="button"
            data-test="new-appointment"
            className="inline-flex h-10 items-center gap-2 rounded-md bg-primary px-4 text-sm font-medium whitespace-nowrap text-primary-foreground hover:bg-primary-hover focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          >
            <Plus aria-hidden className="size-4" /> New appointment
          </button>
        )}
      </DialogTrigger>
      <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-xl overflow-y-auto">
        <DialogTitle>{title ?? 'New appointment'}</DialogTitle>
        <DialogDescription className="mb-4">
          {clients ? 'It joins the client’s current journey.' : 'It joins her current journey.'}
        </DialogDescription>
        {open ? (
          <AppointmentForm
            values={values}
            timeZone={timeZone}
            members={members}
            clients={clients}
            onSaved={() => setOpen(false)}
            onCancel={() => setOpen(false)}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  )
}
