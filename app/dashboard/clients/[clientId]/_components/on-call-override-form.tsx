'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { StatusMessage } from '@/components/ui/status-message'
import { saveOnCallOverrideAction } from '@/lib/journeys/actions'
import { OnCallOverrideSchema } from '@/lib/journeys/on-call-override.schema'

/** Her own on-call weeks, when they differ from the practice's (both empty: the practice's window). */
export function OnCallOverrideForm({
  journeyId,
  startWeek,
  endWeek,
  practiceWeeks,
}: {
  journeyId: string
  startWeek: number | null
  endWeek: number | null
  practiceWeeks: { startWeek: number; endWeek: number }
}) {
  const { form, action } = useHookFormAction(saveOnCallOverrideAction, zodResolver(OnCallOverrideSchema), {
    formProps: { defaultValues: { journeyId, startWeek: startWeek?.toString() ?? '', endWeek: endWeek?.toString() ?? '' } },
  })
  const { errors } = form.formState
  return (
    <Card data-test="client-on-call-override">
      <CardHeader>
        <CardTitle>On-call window for her</CardTitle>
        <CardDescription>
          Your practice is on call from week {practiceWeeks.startWeek} to week {practiceWeeks.endWeek}. Set other weeks for her, or leave
          both empty.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate className="flex flex-wrap items-start gap-4" onSubmit={form.handleSubmit(() => action.execute(form.getValues()))}>
          <div className="min-w-32 flex-1">
            <FormField id="on-call-start" label="From week" inputMode="numeric" placeholder={String(practiceWeeks.startWeek)} error={errors.startWeek?.message} {...form.register('startWeek')} />
          </div>
          <div className="min-w-32 flex-1">
            <FormField id="on-call-end" label="To week" inputMode="numeric" placeholder={String(practiceWeeks.endWeek)} error={errors.endWeek?.message} {...form.register('endWeek')} />
          </div>
          <Button type="submit" variant="outline" className="sm:mt-6" disabled={action.isPending} data-test="client-on-call-save">
            {action.isPending ? 'Saving…' : 'Save window'}
          </Button>
        </form>
        {action.result.serverError ? <StatusMessage tone="error">{action.result.serverError}</StatusMessage> : null}
      </CardContent>
    </Card>
  )
}
