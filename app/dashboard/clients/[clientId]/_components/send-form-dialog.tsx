'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { Send } from 'lucide-react'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { useState } from 'react'
import { useWatch } from 'react-hook-form'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { FieldError } from '@/components/ui/field-error'
import { inputClassName, labelClassName } from '@/components/ui/field-styles'
import { StatusMessage } from '@/components/ui/status-message'
import { cn } from '@/components/ui/cn'
import { sendFormAction } from '@/lib/paperwork/actions'
import { FORM_KIND_LABELS, type FormKind } from '@/lib/paperwork/fields'
import { SendFormSchema } from '@/lib/paperwork/send.schema'
import { SelectField } from '../../../_components/select-field'

export interface SendableTemplate {
  id: string
  name: string
  kind: FormKind
  usesFee: boolean
}

/** "Send a form": which template, an optional note and due date; an agreement's fee and partner. */
export function SendFormDialog({ clientId, clientName, templates }: { clientId: string; clientName: string; templates: SendableTemplate[] }) {
  const [open, setOpen] = useState(false)
  const { form, action, resetFormAndAction } = useHookFormAction(sendFormAction, zodResolver(SendFormSchema), {
    formProps: {
      defaultValues: { clientId, templateId: templates[0]?.id ?? '', note: '', dueOn: '', fee: '', partnerName: '', partnerEmail: '' },
    },
    actionProps: {
      onSuccess: () => {
        setOpen(false)
        resetFormAndAction()
      },
    },
  })
  const { execute, isPending, result, reset } = action
  const templateId = useWatch({ control: form.control, name: 'templateId' })
  const chosen = templates.find((t) => t.id === templateId)
  const { errors } = form.formState
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        reset()
        setOpen(next)
      }}
    >
      <DialogTrigger asChild>
        <Button data-test="send-form-open" disabled={templates.length === 0}>
          <Send aria-hidden /> Send a form
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[calc(100dvh-2rem)] overflow-y-auto" data-test="send-form-dialog">
        <DialogTitle>Send {clientName} a form</DialogTitle>
        <DialogDescription>She gets an email that opens it in her portal. The form is sent as it is now: later edits to it do not change hers.</DialogDescription>
        <form noValidate className="mt-5 flex flex-col gap-4" onSubmit={form.handleSubmit(() => execute(form.getValues()))} data-test="send-form">
          <SelectField
            id="send-template"
            label="Form"
            error={errors.templateId?.message}
            options={templates.map((t) => ({ value: t.id, label: `${t.name} (${FORM_KIND_LABELS[t.kind].toLowerCase()})` }))}
            {...form.register('templateId')}
          />
          <div className="flex flex-col gap-1.5">
            <label htmlFor="send-note" className={labelClassName}>
              A note for her (optional)
            </label>
            <textarea
              id="send-note"
              rows={3}
              maxLength={2000}
              className={cn(inputClassName, 'h-auto py-2')}
              aria-invalid={errors.note ? true : undefined}
              aria-describedby="send-note-hint"
              {...form.register('note')}
            />
            <p id="send-note-hint" className="text-sm text-muted-foreground">
              Shown with the form in her portal, not in the email.
            </p>
            <FieldError id="send-note-error" message={errors.note?.message} />
          </div>
          <FormField id="send-due" label="Due date (optional)" type="date" error={errors.dueOn?.message} {...form.register('dueOn')} />
          {chosen?.kind === 'agreement' ? (
            <>
              {chosen.usesFee ? <FormField id="send-fee" label="Fee, as the agreement should state it" placeholder="$1,800" error={errors.fee?.message} {...form.register('fee')} /> : null}
              <fieldset className="flex flex-col gap-3 rounded-md border border-border p-3">
                <legend className="px-1 text-sm font-medium">Her partner signs too (optional)</legend>
                <FormField id="send-partner-name" label="Partner’s name" autoComplete="off" error={errors.partnerName?.message} {...form.register('partnerName')} />
                <FormField id="send-partner-email" label="Partner’s email" type="email" autoComplete="off" error={errors.partnerEmail?.message} {...form.register('partnerEmail')} />
              </fieldset>
            </>
          ) : null}
          {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={isPending} data-test="send-form-submit">
              {isPending ? 'Sending…' : 'Send'}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  )
}
