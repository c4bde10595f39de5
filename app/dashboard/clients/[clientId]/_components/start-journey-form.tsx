'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { StatusMessage } from '@/components/ui/status-message'
import { startJourneyAction } from '@/lib/journeys/actions'
import { StartJourneySchema } from '@/lib/journeys/journey.schema'

/** A returning client: a new pregnancy starts a new journey, keeping the earlier ones on record. */
export function StartJourneyForm({ clientId }: { clientId: string }) {
  const { form, action } = useHookFormAction(startJourneyAction, zodResolver(StartJourneySchema), {
    formProps: { defaultValues: { clientId, dueDate: '' } },
  })
  const { execute, isPending, result } = action
  return (
    <Card>
      <CardHeader>
        <CardTitle>Expecting again?</CardTitle>
        <CardDescription>Start a new journey with her new due date.</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate className="flex flex-col gap-4 sm:flex-row sm:items-start" onSubmit={form.handleSubmit(() => execute(form.getValues()))}>
          <div className="sm:w-64">
            <FormField id="newDueDate" label="New due date" type="date" error={form.formState.errors.dueDate?.message} {...form.register('dueDate')} />
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
