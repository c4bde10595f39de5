'use client'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { StatusMessage } from '@/components/ui/status-message'
import { startJourneyAction } from '@/lib/journeys/actions'

/** A returning client: a new pregnancy starts a new journey, keeping the earlier ones on record. */
export function StartJourneyForm({ clientId }: { clientId: string }) {
  const [dueDate, setDueDate] = useState('')
  const { execute, isPending, result } = useAction(startJourneyAction)
  const fieldError = result.validationErrors?.dueDate?._errors?.[0]
  return (
    <Card>
      <CardHeader>
        <CardTitle>Expecting again?</CardTitle>
        <CardDescription>Start a new journey with her new due date.</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="flex flex-col gap-4 sm:flex-row sm:items-start"
          onSubmit={(e) => {
            e.preventDefault()
            execute({ clientId, dueDate })
          }}
        >
          <div className="sm:w-64">
            <FormField id="newDueDate" label="New due date" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} error={fieldError} />
          </div>
          <Button type="submit" disabled={isPending} className="sm:mt-7">
            {isPending ? 'Starting…' : 'Start a new journey'}
          </Button>
        </form>
        {result.serverError ? <StatusMessage tone="error" className="mt-3">{result.serverError}</StatusMessage> : null}
      </CardContent>
    </Card>
  )
}
