'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { StatusMessage } from '@/components/ui/status-message'
import { recordBirthAction } from '@/lib/journeys/actions'
import { BIRTH_PLACES, BIRTH_PLACE_LABELS, DELIVERY_MODES, DELIVERY_MODE_LABELS, RecordBirthSchema } from '@/lib/journeys/journey.schema'
import { SelectField } from '../../../_components/select-field'

/** Records the birth; the journey then moves to postpartum. */
export function BirthForm({ journeyId }: { journeyId: string }) {
  const { form, action } = useHookFormAction(recordBirthAction, zodResolver(RecordBirthSchema), {
    formProps: { defaultValues: { journeyId, bornAt: '', birthPlace: 'hospital', deliveryMode: 'vaginal', babyCount: '1' } },
  })
  const { execute, isPending, result } = action
  const { errors } = form.formState
  return (
    <Card>
      <CardHeader>
        <CardTitle>Record the birth</CardTitle>
        <CardDescription>Her journey then moves to postpartum.</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate className="grid gap-4 sm:grid-cols-2" onSubmit={form.handleSubmit(() => execute(form.getValues()))} data-test="birth-form">
          <FormField id="bornAt" label="Date and time of birth" type="datetime-local" error={errors.bornAt?.message} {...form.register('bornAt')} />
          <SelectField id="birthPlace" label="Place" error={errors.birthPlace?.message} options={BIRTH_PLACES.map((p) => ({ value: p, label: BIRTH_PLACE_LABELS[p] }))} {...form.register('birthPlace')} />
          <SelectField id="deliveryMode" label="Outcome" error={errors.deliveryMode?.message} options={DELIVERY_MODES.map((p) => ({ value: p, label: DELIVERY_MODE_LABELS[p] }))} {...form.register('deliveryMode')} />
          <FormField id="babyCount" label="Number of babies" type="number" min={1} max={8} error={errors.babyCount?.message} {...form.register('babyCount')} />
          {result.serverError ? <StatusMessage tone="error" className="sm:col-span-2">{result.serverError}</StatusMessage> : null}
          <div className="sm:col-span-2">
            <Button type="submit" disabled={isPending}>
              {isPending ? 'Saving…' : 'Record the birth'}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  )
}
