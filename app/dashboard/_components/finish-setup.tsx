'use client'
import { Sparkles } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { StatusMessage } from '@/components/ui/status-message'
import { finishOnboardingAction } from '@/lib/practice/actions'

export function FinishSetup() {
  const { execute, result, isPending } = useAction(finishOnboardingAction)
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <EmptyState
        icon={Sparkles}
        title="Let’s set up your practice"
        description="Your account is ready, but your practice is not set up yet. Create it now to start adding clients."
        data-test="finish-setup"
        action={
          <Button onClick={() => execute()} disabled={isPending}>
            {isPending ? 'Setting up…' : 'Create my practice'}
          </Button>
        }
      />
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
    </div>
  )
}
