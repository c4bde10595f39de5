'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { useWatch } from 'react-hook-form'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { cn } from '@/components/ui/cn'
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog'
import { FieldError } from '@/components/ui/field-error'
import { inputClassName, labelClassName } from '@/components/ui/field-styles'
import { StatusMessage } from '@/components/ui/status-message'
import { saveTemplateItemAction } from '@/lib/milestones/actions'
import { fromOffsetDays, MILESTONE_ACTIONS, MILESTONE_ACTION_LABELS, SaveTemplateItemSchema, TIMINGS, TIMING_LABELS } from '@/lib/milestones/template.schema'
import type { TemplateItem } from '@/lib/milestones/template.service'
import { MILESTONE_KINDS, MILESTONE_KIND_LABELS } from '@/lib/pregnancy/milestones'
import { CheckboxField } from '../../../_components/checkbox-field'
import { SelectField } from '../../../_components/select-field'

/**
 * Adds an item to the template or edits one; its timing is a number and what it counts, and it may
 * carry an action that runs on the milestone's date (`forms`: the practice's forms that can be sent).
 */
export function TemplateItemDialog({ item, forms, onOpenChange }: { item?: TemplateItem; forms: { value: string; label: string }[]; onOpenChange: (open: boolean) => void }) {
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
        action: item?.action ?? 'none',
        actionMessage: item?.actionMessage ?? '',
        actionFormTemplateId: item?.actionFormTemplateId ?? '',
        actionTaskTitle: item?.actionTaskTitle ?? '',
      },
    },
    actionProps: { onSuccess: () => onOpenChange(false) },
  })
  const { execute, isPending, result } = action
  const { errors } = form.formState
  const chosen = useWatch({ control: form.control, name: 'action' })
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
          <fieldset className="flex flex-col gap-3 rounded-md border border-border p-3" data-test="template-action">
            <legend className="px-1 text-sm font-medium">On its date</legend>
            <SelectField
              id="template-action"
              label="What happens"
              error={errors.action?.message}
              options={MILESTONE_ACTIONS.map((a) => ({ value: a, label: MILESTONE_ACTION_LABELS[a] }))}
              {...form.register('action')}
            />
            {chosen === 'send_message' ? (
              <div className="flex flex-col gap-1.5">
                <label htmlFor="template-action-message" className={labelClassName}>
                  Message
                </label>
                <textarea
                  id="template-action-message"
                  rows={4}
                  maxLength={2000}
                  className={cn(inputClassName, 'h-auto py-2')}
                  aria-invalid={errors.actionMessage ? true : undefined}
                  aria-describedby="template-action-message-hint template-action-message-error"
                  {...form.register('actionMessage')}
                />
                <p id="template-action-message-hint" className="text-sm text-muted-foreground">
                  Sent from the practice to her portal messages on the milestone&apos;s date.
                </p>
                <FieldError id="template-action-message-error" message={errors.actionMessage?.message} />
              </div>
            ) : null}
            {chosen === 'send_form' ? (
              <SelectField
                id="template-action-form"
                label="Form to send"
                error={errors.actionFormTemplateId?.message}
                options={[{ value: '', label: 'Choose a form…' }, ...forms]}
                {...form.register('actionFormTemplateId')}
              />
            ) : null}
            {chosen === 'create_task' ? (
              <FormField id="template-action-task" label="To-do" maxLength={200} autoComplete="off" error={errors.actionTaskTitle?.message} {...form.register('actionTaskTitle')} />
            ) : null}
          </fieldset>
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
