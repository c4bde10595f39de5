'use client'
import { Upload } from 'lucide-react'
import { useRouter } from 'next/navigation'
import { useRef, useState } from 'react'
import { StatusMessage } from '@/components/ui/status-message'
import { FILE_PROBLEM_MESSAGES, MAX_DOCUMENT_BYTES, SNIFF_BYTES, sniffType, type AcceptedType } from '@/lib/documents/file-type'
import { publicEnv } from '@/lib/env-public'

type State = { phase: 'idle' } | { phase: 'uploading'; percent: number; name: string } | { phase: 'done'; name: string } | { phase: 'error'; message: string }

export interface DocumentUploadProps {
  /** Where the upload is completed (JSON `{ stagingPath, fileName, size, shared }`). */
  endpoint: string
  /** Her staging folder, `<practice_id>/<her user id>`: the only place Storage lets her add a file. */
  stagingFolder: string
  /** Offers a "share with her" choice (a member uploading for a client); the portal has none. */
  shareLabel?: string
}

const FAILED = 'The upload failed. Please try again.'
const DROPPED = 'The connection dropped. Check your signal and try again.'

/** The message of a JSON answer: a refused file's `{ message }`, a refused caller's `{ error }`. */
function messageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: string; error?: string }
    return body.message ?? body.error ?? FAILED
  } catch {
    // Not JSON (a proxy error page): the generic message stands.
    return FAILED
  }
}

/** Storage's refusal (`{ statusCode }`) in her words. */
function stagingRefusal(text: string): string {
  let code: string | undefined
  try {
    code = (JSON.parse(text) as { statusCode?: string }).statusCode
  } catch {
    return FAILED
  }
  if (code === '413') return FILE_PROBLEM_MESSAGES.too_large
  if (code === '415') return FILE_PROBLEM_MESSAGES.unsupported_type
  if (code === '403') return 'Files cannot be added here right now: the account may be read-only or being deleted. Reload the page to see why.'
  return FAILED
}

/** Puts the file in her staging folder as herself, with upload progress (fetch has none). */
function stage(file: File, type: AcceptedType, path: string, accessToken: string, onProgress: (percent: number) => void): Promise<string | null> {
  const env = publicEnv()
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${env.NEXT_PUBLIC_SUPABASE_URL}/storage/v1/object/incoming/${path}`)
    xhr.setRequestHeader('Authorization', `Bearer ${accessToken}`)
    xhr.setRequestHeader('apikey', env.NEXT_PUBLIC_SUPABASE_ANON_KEY)
    xhr.setRequestHeader('Content-Type', type)
    xhr.setRequestHeader('x-upsert', 'false')
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100))
    }
    xhr.onload = () => resolve(xhr.status < 300 ? null : stagingRefusal(xhr.responseText))
    xhr.onerror = () => resolve(DROPPED)
    xhr.send(file)
  })
}

/**
 * Sends the file straight to Storage (never through the app, whose functions take at most 4.5 MB),
 * into her own staging folder with her own session, then asks the app to complete it: the server
 * checks the real type and size and files it, or removes it. The checks here only save a wasted upload.
 */
export function DocumentUpload({ endpoint, stagingFolder, shareLabel }: DocumentUploadProps) {
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const [state, setState] = useState<State>({ phase: 'idle' })
  const [shared, setShared] = useState(false)

  async function upload(file: File) {
    if (file.size === 0) return setState({ phase: 'error', message: FILE_PROBLEM_MESSAGES.empty })
    if (file.size > MAX_DOCUMENT_BYTES) return setState({ phase: 'error', message: FILE_PROBLEM_MESSAGES.too_large })
    const type = sniffType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()))
    if (!type) return setState({ phase: 'error', message: FILE_PROBLEM_MESSAGES.unsupported_type })
    setState({ phase: 'uploading', percent: 0, name: file.name })
    try {
      const token = await fetch('/api/uploads/token', { method: 'POST' })
      if (!token.ok) return setState({ phase: 'error', message: messageOf(await token.text()) })
      const { accessToken } = (await token.json()) as { accessToken: string }
      const stagingPath = `${stagingFolder}/${crypto.randomUUID()}`
      const refused = await stage(file, type, stagingPath, accessToken, (percent) => setState({ phase: 'uploading', percent, name: file.name }))
      if (refused) return setState({ phase: 'error', message: refused })
      const completed = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ stagingPath, fileName: file.name, size: file.size, ...(shareLabel ? { shared } : {}) }),
      })
      const text = await completed.text()
      if (!completed.ok) return setState({ phase: 'error', message: messageOf(text) })
      setState({ phase: 'done', name: file.name })
      router.refresh()
    } catch {
      setState({ phase: 'error', message: DROPPED })
    }
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
            if (file) void upload(file)
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
