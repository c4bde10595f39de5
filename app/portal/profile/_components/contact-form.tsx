'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useAction } from 'next-safe-action/hooks'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { updateContactDetailsAction } from '@/lib/portal/portal-actions'
import { ContactDetailsSchema } from '@/lib/portal/profile.schema'

export function ContactForm({ defaults }: { defaults: z.input<typeof ContactDetailsSchema> }) {
  const form = useForm<z.input<typeof ContactDetailsSchema>, unknown, z.output<typeof ContactDetailsSchema>>({
    resolver: zodResolver(ContactDetailsSchema),
    defaultValues: defaults,
  })
  const { execute, result, isPending } = useAction(updateContactDetailsAction)
  const errors = form.formState.errors
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => execute(values))} className="flex flex-col gap-4" data-test="contact-form">
      <FormField id="preferredName" label="Name you go by" autoComplete="nickname" error={errors.preferredName?.message} {...form.register('preferredName')} />
      <FormField id="pronouns" label="Pronouns" error={errors.pronouns?.message} {...form.register('pronouns')} />
      <FormField id="phone" label="Phone" type="tel" autoComplete="tel" inputMode="tel" error={errors.phone?.message} {...form.register('phone')} />
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
      {result.data ? <StatusMessage tone="success">Your details are saved.</StatusMessage> : null}
      <Button type="submit" disabled={isPending} className="self-start" data-test="contact-save">
        {isPending ? 'Saving…' : 'Save details'}
      </Button>
    </form>
  )
}
