'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useAction } from 'next-safe-action/hooks'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { signupAction } from '@/lib/auth/actions'
import { SignupSchema } from '@/lib/auth/auth.schema'

export function SignupForm() {
  const form = useForm<z.input<typeof SignupSchema>, unknown, z.output<typeof SignupSchema>>({
    resolver: zodResolver(SignupSchema),
    defaultValues: { fullName: '', practiceName: '', email: '' },
  })
  const { execute, result, isPending } = useAction(signupAction, {
    onError({ error }) {
      const fields = error.validationErrors
      if (!fields) return
      for (const name of ['fullName', 'practiceName', 'email'] as const) {
        const message = fields[name]?._errors?.[0]
        if (message) form.setError(name, { message })
      }
    },
  })
  const { errors } = form.formState

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => execute(values))} className="flex flex-col gap-4" data-test="signup-form">
      <FormField
        id="fullName"
        label="Your name"
        autoComplete="name"
        data-test="signup-full-name"
        error={errors.fullName?.message}
        {...form.register('fullName')}
      />
      <FormField
        id="practiceName"
        label="Practice name"
        autoComplete="organization"
        placeholder="e.g. Willow Birth Support"
        data-test="signup-practice-name"
        error={errors.practiceName?.message}
        {...form.register('practiceName')}
      />
      <FormField
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        data-test="signup-email"
        error={errors.email?.message}
        {...form.register('email')}
      />
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
      <Button type="submit" size="lg" disabled={isPending} data-test="signup-submit">
        {isPending ? 'Sending your link…' : 'Create my practice'}
      </Button>
    </form>
  )
}
