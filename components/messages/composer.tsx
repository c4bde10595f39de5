'use client'
import { useAction } from 'next-safe-action/hooks'
import { useRef, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Label } from '@/components/ui/label'
import { StatusMessage } from '@/components/ui/status-message'
import { sendPortalMessageAction } from '@/lib/portal/portal-actions'
import { sendPracticeMessageAction } from '@/lib/messages/actions'

interface ComposerFormProps {
  pending: boolean
  error: string | undefined
  body: string
  onBodyChange: (body: string) => void
  onSend: () => void
}

function ComposerForm({ pending, error, body, onBodyChange, onSend }: ComposerFormProps) {
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form
      ref={formRef}
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault()
        onSend()
      }}
      data-test="message-composer"
    >
      <Label htmlFor="message-body">Your message</Label>
      <textarea
        id="message-body"
        name="body"
        rows={3}
        maxLength={10000}
        value={body}
        onChange={(event) => onBodyChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) formRef.current?.requestSubmit()
        }}
        className="w-full rounded-md border border-input bg-card px-3 py-2 text-[15px] leading-6 focus-visible:outline-2 focus-visible:outline-ring"
        data-test="message-body"
      />
      {error ? <StatusMessage tone="error">{error}</StatusMessage> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending || body.trim().length === 0} data-test="message-send">
          {pending ? 'Sending…' : 'Send'}
        </Button>
      </div>
    </form>
  )
}

/** Her reply box in the portal; clears once the message is saved. */
export function PortalComposer() {
  const [body, setBody] = useState('')
  const { execute, result, isPending } = useAction(sendPortalMessageAction, { onSuccess: () => setBody('') })
  const error = result.serverError ?? result.validationErrors?.body?._errors?.[0]
  return <ComposerForm pending={isPending} error={error} body={body} onBodyChange={setBody} onSend={() => execute({ body })} />
}

/** A member's reply box in a client's thread. */
export function PracticeComposer({ clientId }: { clientId: string }) {
  const [body, setBody] = useState('')
  const { execute, result, isPending } = useAction(sendPracticeMessageAction, { onSuccess: () => setBody('') })
  const error = result.serverError ?? result.validationErrors?.body?._errors?.[0]
  return <ComposerForm pending={isPending} error={error} body={body} onBodyChange={setBody} onSend={() => execute({ clientId, body })} />
}
