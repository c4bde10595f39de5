'use client'
import { Download } from 'lucide-react'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'

type State = { phase: 'idle' } | { phase: 'running'; bytes: number } | { phase: 'done'; bytes: number } | { phase: 'error'; message: string }

const formatBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`

/** Streams the export, showing bytes received as the server prepares it, then saves the zip. */
export function ExportDownload({ practiceId }: { practiceId: string }) {
  const [state, setState] = useState<State>({ phase: 'idle' })

  async function start() {
    setState({ phase: 'running', bytes: 0 })
    try {
      const res = await fetch(`/api/export?practice=${encodeURIComponent(practiceId)}`)
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null
        throw new Error(body?.error ?? 'The export could not be prepared.')
      }
      const reader = res.body.getReader()
      const parts: Uint8Array<ArrayBuffer>[] = []
      let bytes = 0
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        parts.push(value)
        bytes += value.byteLength
        setState({ phase: 'running', bytes })
      }
      const url = URL.createObjectURL(new Blob(parts, { type: 'application/zip' }))
      const link = document.createElement('a')
      link.href = url
      link.download = `doulaos-export-${new Date().toISOString().slice(0, 10)}.zip`
      link.click()
      URL.revokeObjectURL(url)
      setState({ phase: 'done', bytes })
    } catch (error) {
      setState({ phase: 'error', message: error instanceof Error ? error.message : 'The export failed. Please try again.' })
    }
  }

  return (
    <div className="space-y-3">
      <Button onClick={start} disabled={state.phase === 'running'} data-test="export-start">
        <Download aria-hidden />
        {state.phase === 'running' ? 'Preparing…' : 'Download everything (.zip)'}
      </Button>
      {state.phase === 'running' ? (
        <p role="status" aria-live="polite" className="text-sm text-muted-foreground" data-test="export-progress">
          Received {formatBytes(state.bytes)} so far. Keep this page open.
        </p>
      ) : null}
      {state.phase === 'done' ? (
        <StatusMessage tone="success">Your export ({formatBytes(state.bytes)}) has been saved.</StatusMessage>
      ) : null}
      {state.phase === 'error' ? <StatusMessage tone="error">{state.message}</StatusMessage> : null}
    </div>
  )
}
