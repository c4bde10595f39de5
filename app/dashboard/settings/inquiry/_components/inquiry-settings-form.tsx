'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field-error'
import { inputClassName, labelClassName } from '@/components/ui/field-styles'
import { StatusMessage } from '@/components/ui/status-message'
import { updateInquirySettingsAction } from '@/lib/inquiries/actions'
import { InquirySettingsSchema, OPTIONAL_INQUIRY_FIELDS, type InquirySettingsInput } from '@/lib/inquiries/inquiry.schema'

/** The practice's own intro and which answers it requires. */
export function InquirySettingsForm({ defaults, canEdit }: { defaults: InquirySettingsInput; canEdit: boolean }) {
  const { form, action } = useHookFormAction(updateInquirySettingsAction, zodResolver(InquirySettingsSchema), {
    formProps: { defaultValues: defaults },
    actionProps: {
      onSuccess() {
        form.reset(form.getValues())
      },
    },
  })
  const { execute, isPending, result, hasSucceeded } = action
  const { errors, isDirty } = form.formState
  return (
    <form noValidate className="flex flex-col gap-6" onSubmit={form.handleSubmit(() => execute(form.getValues()))} data-test="inquiry-settings-form">
      <fieldset disabled={!canEdit} className="flex flex-col gap-6">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="intro" className={labelClassName}>Introduction</label>
          <textarea
            id="intro"
            rows={4}
            className={`${inputClassName} h-auto py-2`}
            aria-invalid={!!errors.intro}
            aria-describedby={errors.intro ? 'intro-error' : undefined}
            placeholder="Tell people what to expect after they write to you."
            {...form.register('intro')}
          />
          <FieldError id="intro-error" message={errors.intro?.message} />
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className={labelClassName}>Required answers</legend>
          {OPTIONAL_INQUIRY_FIELDS.map((field) => (
            <label key={field.value} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={field.value} className="size-4" {...form.register('required')} />
              {field.label}
            </label>
          ))}
        </fieldset>
      </fieldset>
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
      {hasSucceeded && !isDirty ? <StatusMessage tone="success">Your inquiry form is saved.</StatusMessage> : null}
      {canEdit ? (
        <div>
          <Button type="submit" disabled={isPending} data-test="inquiry-settings-save">
            {isPending ? 'Saving…' : 'Save inquiry form'}
          </Button>
        </div>
      ) : null}
    </form>
  )
}
