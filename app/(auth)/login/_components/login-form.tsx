'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useAction } from 'next-safe-action/hooks'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { loginAction } from '@/lib/auth/actions'
import { LoginSchema } from '@/lib/auth/auth.schema'

export function LoginForm({ next }: { next?: string }) {
  const form = useForm<z.input<typeof LoginSchema>, unknown, z.output<typeof LoginSchema>>({
    resolver: zodResolver(LoginSchema),
    defaultValues: { email: '', next },
  })
  const { execute, result, isPending } = useAction(loginAction, {
    onError({ error }) {
      const message = error.validationErrors?.email?._errors?.[0]
      if (message) form.setError('email', { message })
    },
  })

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => execute(values))} className="flex flex-col gap-4" data-test="login-form">
      <FormField
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        data-test="login-email"
        error={form.formState.errors.email?.message}
        {...form.register('email')}
      />
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
      <Button type="submit" size="lg" disabled={isPending} data-test="login-submit">
        {isPending ? 'Sending your link…' : 'Email me a sign-in link'}
      </Button>
    </form>
  )
}
