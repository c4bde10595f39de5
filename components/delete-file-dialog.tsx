'use client'
import { Trash2 } from 'lucide-react'
import { ConfirmDialog, type ConfirmableAction } from '@/components/confirm-dialog'
import { Button } from '@/components/ui/button'

/** The trash button and its confirmation for one stored file, in the portal and on the client page. */
export function DeleteFileDialog({
  fileName,
  consequence,
  action,
  onConfirm,
  focusWhenDone,
}: {
  fileName: string
  /** Who loses the file, said before "This cannot be undone." */
  consequence?: string
  action: ConfirmableAction
  onConfirm: () => void
  focusWhenDone: string
}) {
  return (
    <ConfirmDialog
      trigger={
        <Button type="button" variant="ghost" size="icon" aria-label={`Delete ${fileName}`} data-test="document-delete">
          <Trash2 aria-hidden />
        </Button>
      }
      action={action}
      title={`Delete ${fileName}?`}
      description={`${consequence ? `${consequence} ` : ''}This cannot be undone.`}
      confirmLabel="Delete file"
      pendingLabel="Deleting…"
      focusWhenDone={focusWhenDone}
      onConfirm={onConfirm}
      test="document-delete-dialog"
    />
  )
}
