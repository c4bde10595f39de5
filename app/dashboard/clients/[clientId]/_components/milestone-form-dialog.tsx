'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog'
import { StatusMessage } from '@/components/ui/status-message'
import { saveMilestoneAction } from '@/lib/milestones/actions'
import { SaveMilestoneSchema } from '@/lib/milestones/milestone.schema'
import { MILESTONE_KINDS, MILESTONE_KIND_LABELS, type MilestoneKind } from '@/lib/pregnancy/milestones'
import { CheckboxField } from '../../../_components/checkbox-field'
import { SelectField } from '../../../_components/select-field'

export interface EditableMilestone {
  id: string
  title: string
  kind: MilestoneKind
  due_on: string | null
  shared_with_client: boolean
}

/** Adds a milestone to her journey, or edits one (title, date, kind, sharing). */
export function MilestoneFormDialog({
  journeyId,
  milestone,
  open,
  onOpenChange,
}: {
  journeyId: string
  milestone?: EditableMilestone
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const { form, action } = useHookFormAction(saveMilestoneAction, zodResolver(SaveMilestoneSchema), {
    formProps: {
      defaultValues: {
        milestoneId: milestone?.id,
        journeyId,
        title: milestone?.title ?? '',
        dueOn: milestone?.due_on ?? '',
        kind: milestone?.kind ?? 'custom',
        sharedWithClient: milestone?.shared_with_client ?? false,
      },
    },
    actionProps: {
      onSuccess() {
        if (!milestone) form.reset()
        onOpenChange(false)
      },
    },
  })
  const { execute, isPending, result, reset } = action
  const { errors } = form.formState
  const prefix = milestone ? `milestone-${milestone.id}` : 'new-milestone'
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) reset()
        onOpenChange(next)
      }}
    >
      <DialogContent data-test="milestone-dialog">
        <DialogTitle>{milestone ? 'Edit milestone' : 'Add a milestone'}</DialogTitle>
        <DialogDescription>{milestone ? 'Change its name, date or kind.' : 'A step of her journey that is not in your template.'}</DialogDescription>
        <form noValidate className="mt-5 flex flex-col gap-4" onSubmit={form.handleSubmit(() => execute(form.getValues()))} data-test="milestone-form">
          <FormField id={`${prefix}-title`} label="Name" autoComplete="off" error={errors.title?.message} {...form.register('title')} />
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id={`${prefix}-date`} label="Date (optional)" type="date" error={errors.dueOn?.message} {...form.register('dueOn')} />
            <SelectField
              id={`${prefix}-kind`}
              label="Kind"
              error={errors.kind?.message}
              options={MILESTONE_KINDS.map((k) => ({ value: k, label: MILESTONE_KIND_LABELS[k] }))}
              {...form.register('kind')}
            />
          </div>
          <CheckboxField id={`${prefix}-shared`} label="Show it in her portal" {...form.register('sharedWithClient')} />
          {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={isPending} data-test="milestone-save">
              {isPending ? 'Saving…' : milestone ? 'Save changes' : 'Add milestone'}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  )
}
