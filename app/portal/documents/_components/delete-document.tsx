'use client'
import { Trash2 } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { Button } from '@/components/ui/button'
import { deleteMyDocumentAction } from '@/lib/portal/portal-actions'

/** Her own upload only; once it is gone, focus lands on the documents list (`focusWhenDone`). */
export function DeleteDocument({ documentId, fileName, focusWhenDone }: { documentId: string; fileName: string; focusWhenDone: string }) {
  const [open, setOpen] = useState(false)
  const remove = useAction(deleteMyDocumentAction, { onSuccess: () => setOpen(false) })
  return (
    <ConfirmDialog
      trigger={
        <Button type="button" variant="ghost" size="icon" aria-label={`Delete ${fileName}`} data-test="document-delete">
          <Trash2 aria-hidden />
        </Button>
      }
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) remove.reset()
      }}
      title={`Delete ${fileName}?`}
      description="The file is removed for you and for your practice. This cannot be undone."
      confirmLabel="Delete file"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      error={remove.result.serverError}
      done={remove.hasSucceeded}
      focusWhenDone={focusWhenDone}
      onConfirm={() => remove.execute({ documentId })}
      test="document-delete-dialog"
    />
  )
}
