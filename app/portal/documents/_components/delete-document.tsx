'use client'
import { Trash2 } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
import { Button } from '@/components/ui/button'
import { deleteMyDocumentAction } from '@/lib/portal/portal-actions'

export function DeleteDocument({ documentId, fileName }: { documentId: string; fileName: string }) {
  const { execute, isPending, result } = useAction(deleteMyDocumentAction)
  return (
    <span className="flex items-center gap-2">
      {result.serverError ? <span role="alert" className="text-xs text-danger">{result.serverError}</span> : null}
      <Button
        type="button"
        variant="ghost"
        size="icon"
        aria-label={`Delete ${fileName}`}
        disabled={isPending}
        onClick={() => {
          if (window.confirm(`Delete ${fileName}? This cannot be undone.`)) execute({ documentId })
        }}
        data-test="document-delete"
      >
        <Trash2 aria-hidden />
      </Button>
    </span>
  )
}
