'use client'
import { useAction } from 'next-safe-action/hooks'
import { DeleteFileDialog } from '@/components/delete-file-dialog'
import { deleteMyDocumentAction } from '@/lib/portal/portal-actions'

/** Her own upload only; once it is gone, focus lands on the documents list (`focusWhenDone`). */
export function DeleteDocument({ documentId, fileName, focusWhenDone }: { documentId: string; fileName: string; focusWhenDone: string }) {
  const remove = useAction(deleteMyDocumentAction)
  return (
    <DeleteFileDialog
      fileName={fileName}
      consequence="The file is removed for you and for your practice."
      action={remove}
      onConfirm={() => remove.execute({ documentId })}
      focusWhenDone={focusWhenDone}
    />
  )
}
