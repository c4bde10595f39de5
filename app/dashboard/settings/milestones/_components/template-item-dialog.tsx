'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog'
import { StatusMessage } from '@/components/ui/status-message'
import { saveTemplateItemAction } from '@/lib/milestones/actions'
import { fromOffsetDays, SaveTemplateItemSchema, TIMINGS, TIMING_LABELS } from '@/lib/milestones/template.schema'
import type { TemplateItem } from '@/lib/milestones/template.service'
import { MILESTONE_KINDS, MILESTONE_KIND_LABELS } from '@/lib/pregnancy/milestones'
import { CheckboxField } from '../../../_components/checkbox-field'
import { SelectField } from '../../../_components/select-field'

/** Adds an item to the template or edits one; its timing is a number and what it counts. */
export function TemplateItemDialog({ item, onOpenChange }: { item?: TemplateItem; onOpenChange: (open: boolean) => void }) {
  const timing = item ? fromOffsetDays(item.offsetDays) : { timing: 'weeks_pregnant' as const, amount: 36 }
  const { form, action } = useHookFormAction(saveTemplateItemAction, zodResolver(SaveTemplateItemSchema), {
    formProps: {
      defaultValues: {
        itemId: item?.id,
        title: item?.title ?? '',
        kind: item?.kind ?? 'prenatal',
        timing: timing.timing,
        amount: String(timing.amount),
        sharedWithClient: item?.sharedWithClient ?? false,
      },
    },
    actionProps: { onSuccess: () => onOpenChange(false) },
  })
  const { execute, isPending, result } = action
  const { errors } = form.formState
  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent data-test="template-item-dialog">
        <DialogTitle>{item ? 'Edit template item' : 'Add a template item'}</DialogTitle>
        <DialogDescription>New clients get this milestone, dated from their due date. Existing timelines do not change.</DialogDescription>
        <form noValidate className="mt-5 flex flex-col gap-4" onSubmit={form.handleSubmit(() => execute(form.getValues()))} data-test="template-item-form">
          <FormField id="template-title" label="Name" autoComplete="off" error={errors.title?.message} {...form.register('title')} />
          <fieldset className="flex flex-col gap-1.5">
            <legend className="mb-1.5 text-sm font-medium">When</legend>
            <div className="grid grid-cols-[6rem_1fr] gap-3">
              <FormField id="template-amount" label="Number" type="number" inputMode="numeric" error={errors.amount?.message} {...form.register('amount')} />
              <SelectField
                id="template-timing"
                label="Counting"
                error={errors.timing?.message}
                options={TIMINGS.map((t) => ({ value: t, label: TIMING_LABELS[t] }))}
                {...form.register('timing')}
              />
            </div>
          </fieldset>
          <SelectField
            id="template-kind"
            label="Kind"
            error={errors.kind?.message}
            options={MILESTONE_KINDS.map((k) => ({ value: k, label: MILESTONE_KIND_LABELS[k] }))}
            {...form.register('kind')}
          />
          <CheckboxField id="template-shared" label="Show it in the client's portal" {...form.register('sharedWithClient')} />
          {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={isPending} data-test="template-item-save">
              {isPending ? 'Saving…' : item ? 'Save changes' : 'Add item'}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  )
}
