'use client'
import { Archive, ArchiveRestore } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { Button } from '@/components/ui/button'
import { archiveClientAction } from '@/lib/clients/actions'

export function ArchiveButton({ clientId, archived }: { clientId: string; archived: boolean }) {
  const { execute, isPending, result } = useAction(archiveClientAction)
  return (
    <>
      <Button variant="outline" size="sm" disabled={isPending} onClick={() => execute({ clientId, archived: !archived })} data-test="client-archive">
        {archived ? <ArchiveRestore aria-hidden /> : <Archive aria-hidden />}
        {archived ? 'Restore' : 'Archive'}
      </Button>
      {result.serverError ? (
        <span role="alert" className="text-sm text-danger">
          {result.serverError}
        </span>
      ) : null}
    </>
  )
}
