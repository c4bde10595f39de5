'use client'
import { Upload } from 'lucide-react'
import { useRouter } from 'next/navigation'
import { useRef, useState } from 'react'
import { StatusMessage } from '@/components/ui/status-message'
import { FILE_PROBLEM_MESSAGES, MAX_DOCUMENT_BYTES } from '@/lib/documents/file-type'

type State = { phase: 'idle' } | { phase: 'uploading'; percent: number; name: string } | { phase: 'done'; name: string } | { phase: 'error'; message: string }

export interface DocumentUploadProps {
  /** The upload route; the file goes as the raw body with `?name=` (and `&shared=1` when shared). */
  endpoint?: string
  /** Offers a "share with her" choice (a member uploading for a client); the portal has none. */
  shareLabel?: string
}

/**
 * Sends the file as the raw body with XMLHttpRequest (fetch has no upload progress). The server
 * checks the real type; the size check here only saves a wasted upload.
 */
export function DocumentUpload({ endpoint = '/api/documents', shareLabel }: DocumentUploadProps) {
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const [state, setState] = useState<State>({ phase: 'idle' })
  const [shared, setShared] = useState(false)

  function upload(file: File) {
    if (file.size === 0) return setState({ phase: 'error', message: FILE_PROBLEM_MESSAGES.empty })
    if (file.size > MAX_DOCUMENT_BYTES) return setState({ phase: 'error', message: FILE_PROBLEM_MESSAGES.too_large })
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${endpoint}?name=${encodeURIComponent(file.name)}${shareLabel && shared ? '&shared=1' : ''}`)
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) setState({ phase: 'uploading', percent: Math.round((event.loaded / event.total) * 100), name: file.name })
    }
    xhr.onload = () => {
      let message = 'The upload failed. Please try again.'
      try {
        // A refused file answers { ok: false, message }; a refused caller, the routes' { error }.
        const body = JSON.parse(xhr.responseText) as { ok?: boolean; message?: string; error?: string }
        if (body.ok) {
          setState({ phase: 'done', name: file.name })
          router.refresh()
          return
        }
        message = body.message ?? body.error ?? message
      } catch {
        // Not JSON (a proxy error page): the generic message stands.
      }
      setState({ phase: 'error', message })
    }
    xhr.onerror = () => setState({ phase: 'error', message: 'The connection dropped. Check your signal and try again.' })
    setState({ phase: 'uploading', percent: 0, name: file.name })
    xhr.send(file)
  }

  return (
    <div className="flex flex-col gap-3" data-test="document-upload">
      {shareLabel ? (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            checked={shared}
            disabled={state.phase === 'uploading'}
            onChange={(event) => setShared(event.target.checked)}
            data-test="document-share-on-upload"
          />
          {shareLabel}
        </label>
      ) : null}
      <label className="flex cursor-pointer flex-col items-center gap-2 rounded-xl border-2 border-dashed border-input bg-card px-4 py-6 text-center hover:border-primary/50 focus-within:outline-2 focus-within:outline-ring">
        <Upload aria-hidden className="size-6 text-primary" />
        <span className="font-medium">Upload a document</span>
        <span className="text-sm text-muted-foreground">PDF, JPEG, PNG or HEIC, up to 20 MB</span>
        <input
          ref={input}
          type="file"
          accept="application/pdf,image/jpeg,image/png,image/heic,.heic"
          className="sr-only"
          disabled={state.phase === 'uploading'}
          onChange={(event) => {
            const file = event.target.files?.[0]
            if (file) upload(file)
            event.target.value = ''
          }}
          data-test="document-input"
        />
      </label>
      {state.phase === 'uploading' ? (
        <div className="flex flex-col gap-1">
          <p className="truncate text-sm">Uploading {state.name}…</p>
          <div className="h-2 overflow-hidden rounded-full bg-muted" role="progressbar" aria-label={`Uploading ${state.name}`} aria-valuenow={state.percent} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${state.percent}%` }} />
          </div>
        </div>
      ) : null}
      {state.phase === 'done' ? <StatusMessage tone="success">{state.name} was uploaded.</StatusMessage> : null}
      {state.phase === 'error' ? <StatusMessage tone="error">{state.message}</StatusMessage> : null}
    </div>
  )
}
