'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { useRef, type FormEventHandler } from 'react'
import { useWatch, type UseFormRegisterReturn } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { Label } from '@/components/ui/label'
import { StatusMessage } from '@/components/ui/status-message'
import { sendPracticeMessageAction } from '@/lib/messages/actions'
import { MessageBodySchema, PracticeMessageSchema } from '@/lib/messages/message.schema'
import { sendPortalMessageAction } from '@/lib/portal/portal-actions'

interface ComposerFormProps {
  body: UseFormRegisterReturn<'body'>
  empty: boolean
  pending: boolean
  error: string | undefined
  onSubmit: FormEventHandler<HTMLFormElement>
}

function ComposerForm({ body, empty, pending, error, onSubmit }: ComposerFormProps) {
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} noValidate className="flex flex-col gap-2" onSubmit={onSubmit} data-test="message-composer">
      <Label htmlFor="message-body">Your message</Label>
      <textarea
        id="message-body"
        rows={3}
        maxLength={10000}
        {...body}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) formRef.current?.requestSubmit()
        }}
        className="w-full rounded-md border border-input bg-card px-3 py-2 text-[15px] leading-6 focus-visible:outline-2 focus-visible:outline-ring"
        data-test="message-body"
      />
      {error ? <StatusMessage tone="error">{error}</StatusMessage> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending || empty} data-test="message-send">
          {pending ? 'Sending…' : 'Send'}
        </Button>
      </div>
    </form>
  )
}

/** Her reply box in the portal; clears once the message is saved. */
export function PortalComposer() {
  const { form, action } = useHookFormAction(sendPortalMessageAction, zodResolver(MessageBodySchema), {
    formProps: { defaultValues: { body: '' } },
    actionProps: {
      onSuccess() {
        form.reset({ body: '' })
      },
    },
  })
  const body = useWatch({ control: form.control, name: 'body' })
  return (
    <ComposerForm
      body={form.register('body')}
      empty={body.trim().length === 0}
      pending={action.isPending}
      error={action.result.serverError ?? form.formState.errors.body?.message}
      onSubmit={form.handleSubmit(() => action.execute(form.getValues()))}
    />
  )
}

/** A member's reply box in a client's thread. */
export function PracticeComposer({ clientId }: { clientId: string }) {
  const { form, action } = useHookFormAction(sendPracticeMessageAction, zodResolver(PracticeMessageSchema), {
    formProps: { defaultValues: { clientId, body: '' } },
    actionProps: {
      onSuccess() {
        form.reset({ clientId, body: '' })
      },
    },
  })
  const body = useWatch({ control: form.control, name: 'body' })
  return (
    <ComposerForm
      body={form.register('body')}
      empty={body.trim().length === 0}
      pending={action.isPending}
      error={action.result.serverError ?? form.formState.errors.body?.message}
      onSubmit={form.handleSubmit(() => action.execute(form.getValues()))}
    />
  )
}
