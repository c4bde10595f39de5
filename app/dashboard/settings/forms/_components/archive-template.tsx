'use client'
import { Archive, ArchiveRestore } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import { archiveFormTemplateAction } from '@/lib/paperwork/actions'

/** Takes a form out of the "Send a form" list (or puts it back); forms already sent are untouched. */
export function ArchiveTemplate({ templateId, archived }: { templateId: string; archived: boolean }) {
  const action = useAction(archiveFormTemplateAction)
  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant="outline" size="sm" disabled={action.isPending} onClick={() => action.execute({ templateId, archived: !archived })} data-test="template-archive">
        {archived ? <ArchiveRestore aria-hidden /> : <Archive aria-hidden />}
        {archived ? 'Offer it again' : 'Archive'}
      </Button>
      {action.result.serverError ? <StatusMessage tone="error">{action.result.serverError}</StatusMessage> : null}
    </div>
  )
}
