'use client'
import { useState, type FormEvent, type ReactNode } from 'react'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'

export interface TypedConfirmationFormProps {
  /** What must be typed by hand; compared trimmed, as the server compares it again. */
  expected: string
  inputId: string
  /** Prefix of the data-test ids: `<prefix>-form`, `<prefix>-input`, `<prefix>-submit`. */
  testId: string
  submitLabel: string
  pendingLabel: string
  isPending: boolean
  onConfirm: (typed: string) => void
  /** The server's refusal of the typed text, shown on the field. */
  fieldError?: string
  /** Any other refusal (rate limit, stale sign-in), shown above the button. */
  serverError?: string
  /** What will happen, above the field. */
  children?: ReactNode
}

/**
 * The shape every irreversible deletion shares: say what happens, have the name typed by hand,
 * and keep the destructive button disabled until it matches.
 */
export function TypedConfirmationForm(props: TypedConfirmationFormProps) {
  const [typed, setTyped] = useState('')
  const matches = typed.trim() === props.expected.trim()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (matches && !props.isPending) props.onConfirm(typed.trim())
  }
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4" data-test={`${props.testId}-form`}>
      {props.children}
      <FormField
        id={props.inputId}
        name={props.inputId}
        label={`Type "${props.expected}" to confirm`}
        autoComplete="off"
        spellCheck={false}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        error={props.fieldError}
        data-test={`${props.testId}-input`}
      />
      {props.serverError ? <StatusMessage tone="error">{props.serverError}</StatusMessage> : null}
      <Button type="submit" variant="danger" disabled={props.isPending || !matches} data-test={`${props.testId}-submit`}>
        {props.isPending ? props.pendingLabel : props.submitLabel}
      </Button>
    </form>
  )
}
