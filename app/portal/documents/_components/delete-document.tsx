'use client'
import { Trash2 } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { Button } from '@/components/ui/button'
import { deleteMyDocumentAction } from '@/lib/portal/portal-actions'

/** Her own upload only; once it is gone, focus lands on the documents list (`focusWhenDone`). */
export function DeleteDocument({ documentId, fileName, focusWhenDone }: { documentId: string; fileName: string; focusWhenDone: string }) {
  const remove = useAction(deleteMyDocumentAction)
  return (
    <ConfirmDialog
      trigger={
        <Button type="button" variant="ghost" size="icon" aria-label={`Delete ${fileName}`} data-test="document-delete">
          <Trash2 aria-hidden />
        </Button>
      }
      action={remove}
      title={`Delete ${fileName}?`}
      description="The file is removed for you and for your practice. This cannot be undone."
      confirmLabel="Delete file"
      pendingLabel="Deleting…"
      focusWhenDone={focusWhenDone}
      onConfirm={() => remove.execute({ documentId })}
      test="document-delete-dialog"
    />
  )
}
