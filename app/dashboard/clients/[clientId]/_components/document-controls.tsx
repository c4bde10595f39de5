'use client'
import { Trash2 } from 'lucide-react'
import { useAction } from 'next-safe-action/hooks'
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

export function DeletePracticeDocument({ clientId, documentId, fileName }: DocumentRef) {
  const { execute, isPending, result } = useAction(deletePracticeDocumentAction)
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
          if (window.confirm(`Delete ${fileName}? She will no longer see it either. This cannot be undone.`)) execute({ clientId, documentId })
        }}
        data-test="document-delete"
      >
        <Trash2 aria-hidden />
      </Button>
    </span>
  )
}
