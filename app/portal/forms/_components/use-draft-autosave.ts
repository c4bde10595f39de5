'use client'
import { useAction } from 'next-safe-action/hooks'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import type { FormValues } from '@/lib/paperwork/answers.schema'
import { saveFormDraftAction } from '@/lib/paperwork/portal-actions'
import { flattenValidationErrors } from '@/lib/paperwork/submit.schema'

export type DraftState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; message: string }

const DELAY_MS = 800

/**
 * Saves her answers as a draft a moment after she stops typing, and at once when she leaves the
 * page (another tab, a closed tab, the phone locked), so a closed tab loses nothing. A problem the
 * server finds with one answer is shown on that field.
 */
export function useDraftAutosave(form: UseFormReturn<FormValues>, requestId: string, enabled: boolean) {
  const [state, setState] = useState<DraftState>({ kind: 'idle' })
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const dirty = useRef(false)
  const { executeAsync } = useAction(saveFormDraftAction)

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (!dirty.current || !enabled) return
    dirty.current = false
    setState({ kind: 'saving' })
    const result = await executeAsync({ requestId, answers: form.getValues() })
    if (result?.data) {
      setState({ kind: 'saved', at: result.data.savedAt })
      return
    }
    const fields = flattenValidationErrors(result?.validationErrors)
    for (const [path, message] of Object.entries(fields)) {
      if (path.startsWith('answers.')) form.setError(path.slice('answers.'.length), { message })
    }
    setState({ kind: 'error', message: result?.serverError ?? fields.form ?? 'Some answers need a look before they can be saved.' })
    dirty.current = true
  }, [enabled, executeAsync, form, requestId])

  useEffect(() => {
    if (!enabled) return
    const subscription = form.watch(() => {
      dirty.current = true
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(() => void save(), DELAY_MS)
    })
    const hidden = () => {
      if (document.visibilityState === 'hidden') void save()
    }
    const leave = () => void save()
    document.addEventListener('visibilitychange', hidden)
    window.addEventListener('pagehide', leave)
    return () => {
      subscription.unsubscribe()
      document.removeEventListener('visibilitychange', hidden)
      window.removeEventListener('pagehide', leave)
      if (timer.current) clearTimeout(timer.current)
    }
  }, [enabled, form, save])

  return { state, flush: save }
}
