'use client'
import { useAction } from 'next-safe-action/hooks'
import { DeleteFileDialog } from '@/components/delete-file-dialog'
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
    <DeleteFileDialog
      fileName={fileName}
      consequence={visibleToHer ? 'She will no longer see it in her portal either.' : undefined}
      action={remove}
      onConfirm={() => remove.execute({ clientId, documentId })}
      focusWhenDone={focusWhenDone}
    />
  )
}
