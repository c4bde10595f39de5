'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { useMemo, useRef } from 'react'
import { useWatch } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { Label } from '@/components/ui/label'
import { StatusMessage } from '@/components/ui/status-message'
import { sendPracticeMessageAction } from '@/lib/messages/actions'
import { MessageBodySchema } from '@/lib/messages/message.schema'
import { sendPortalMessageAction } from '@/lib/portal/portal-actions'

/** A reply box: `send` posts the body to the thread it was made for, and the box clears once it is saved. */
function Composer({ send }: { send: typeof sendPortalMessageAction }) {
  const formRef = useRef<HTMLFormElement>(null)
  const { form, action } = useHookFormAction(send, zodResolver(MessageBodySchema), {
    formProps: { defaultValues: { body: '' } },
    actionProps: {
      onSuccess() {
        form.reset({ body: '' })
      },
    },
  })
  const body = useWatch({ control: form.control, name: 'body' })
  const error = action.result.serverError ?? form.formState.errors.body?.message
  return (
    <form
      ref={formRef}
      noValidate
      className="flex flex-col gap-2"
      onSubmit={form.handleSubmit(() => action.execute(form.getValues()))}
      data-test="message-composer"
    >
      <Label htmlFor="message-body">Your message</Label>
      <textarea
        id="message-body"
        rows={3}
        maxLength={10000}
        {...form.register('body')}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) formRef.current?.requestSubmit()
        }}
        className="w-full rounded-md border border-input bg-card px-3 py-2 text-[15px] leading-6 focus-visible:outline-2 focus-visible:outline-ring"
        data-test="message-body"
      />
      {error ? <StatusMessage tone="error">{error}</StatusMessage> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={action.isPending || body.trim().length === 0} data-test="message-send">
          {action.isPending ? 'Sending…' : 'Send'}
        </Button>
      </div>
    </form>
  )
}

/** Her reply box in the portal. */
export function PortalComposer() {
  return <Composer send={sendPortalMessageAction} />
}

/** A member's reply box in a client's thread. */
export function PracticeComposer({ clientId }: { clientId: string }) {
  const send = useMemo(() => sendPracticeMessageAction.bind(null, clientId), [clientId])
  return <Composer send={send} />
}
