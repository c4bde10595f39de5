'use client'
import { useAction } from 'next-safe-action/hooks'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { signOutOtherDevicesAction } from '@/lib/account/actions'

export function OtherDevices() {
  const { execute, result, isPending, hasSucceeded } = useAction(signOutOtherDevicesAction)
  return (
    <div className="flex flex-col gap-4">
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
      {hasSucceeded ? (
        <StatusMessage tone="success">Every other browser and device is signed out. This one stays signed in.</StatusMessage>
      ) : null}
      <div>
        <Button type="button" variant="outline" onClick={() => execute()} disabled={isPending} data-test="account-sign-out-others">
          {isPending ? 'Signing out…' : 'Sign out other devices'}
        </Button>
      </div>
    </div>
  )
}
