'use client'
import { Trash2 } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { Button } from '@/components/ui/button'
import { deletePracticeDocumentAction, setDocumentSharedAction } from '@/lib/documents/actions'

interface DocumentRef {
  clientId: string
  documentId: string
  fileName: string
}

/** Share / stop sharing: her access follows the flag at once (row and file, through her RLS). */
export function ShareToggle({ clientId, documentId, fileName, shared }: DocumentRef & { shared: boolean }) {
  const { execute, isPending, result } = useAction(setDocumentSharedAction)
  return (
    <span className="flex items-center gap-2">
      {result.serverError ? <span role="alert" className="text-xs text-danger">{result.serverError}</span> : null}
      <Button
        type="button"
        variant="outline"
        size="sm"
        disabled={isPending}
        aria-label={shared ? `Stop sharing ${fileName} with her` : `Share ${fileName} with her`}
        onClick={() => execute({ clientId, documentId, shared: !shared })}
        data-test={shared ? 'document-unshare' : 'document-share'}
      >
        {shared ? 'Stop sharing' : 'Share with her'}
      </Button>
    </span>
  )
}

/**
 * Deletes the file for everyone. `visibleToHer` (shared with her, or her own upload, and she has a
 * portal login) adds that she loses it too; once it is gone, focus lands on `focusWhenDone`.
 */
export function DeletePracticeDocument({
  clientId,
  documentId,
  fileName,
  visibleToHer,
  focusWhenDone,
}: DocumentRef & { visibleToHer: boolean; focusWhenDone: string }) {
  const remove = useAction(deletePracticeDocumentAction)
  return (
    <ConfirmDialog
      trigger={
        <Button type="button" variant="ghost" size="icon" aria-label={`Delete ${fileName}`} data-test="document-delete">
          <Trash2 aria-hidden />
        </Button>
      }
      action={remove}
      title={`Delete ${fileName}?`}
      description={`${visibleToHer ? 'She will no longer see it in her portal either. ' : ''}This cannot be undone.`}
      confirmLabel="Delete file"
      pendingLabel="Deleting…"
      focusWhenDone={focusWhenDone}
      onConfirm={() => remove.execute({ clientId, documentId })}
      test="document-delete-dialog"
    />
  )
}
