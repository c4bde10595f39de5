'use client'
import { useAction } from 'next-safe-action/hooks'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { saveFormDraftAction } from '@/lib/paperwork/portal-actions'
import { flattenValidationErrors } from '@/lib/paperwork/submit.schema'

export type DraftState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; message: string }

/** The part of her react-hook-form a draft needs: the answers it holds, its changes, its own checks. */
export interface DraftForm {
  getValues: () => { answers: Record<string, unknown> }
  watch: (callback: () => void) => { unsubscribe: () => void }
  trigger: (names: `answers.${string}`[]) => Promise<boolean>
}

const DELAY_MS = 800

const isAnswerPath = (path: string): path is `answers.${string}` => path.startsWith('answers.')

/**
 * Saves her answers as a draft a moment after she stops typing, and at once when she leaves the
 * page (another tab, a closed tab, the phone locked), so a closed tab loses nothing. When the server
 * refuses an answer, the form's own checks mark that field, and the status says why.
 */
export function useDraftAutosave(form: DraftForm, requestId: string, enabled: boolean) {
  const [state, setState] = useState<DraftState>({ kind: 'idle' })
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const dirty = useRef(false)
  const saveDraft = useMemo(() => saveFormDraftAction.bind(null, requestId), [requestId])
  const { executeAsync } = useAction(saveDraft)

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (!dirty.current || !enabled) return
    dirty.current = false
    setState({ kind: 'saving' })
    const result = await executeAsync({ answers: form.getValues().answers })
    if (result?.data) {
      setState({ kind: 'saved', at: result.data.savedAt })
      return
    }
    const problems = flattenValidationErrors(result?.validationErrors)
    const fields = Object.keys(problems).filter(isAnswerPath)
    if (fields.length > 0) void form.trigger(fields)
    setState({ kind: 'error', message: result?.serverError ?? problems.form ?? 'Some answers need a look before they can be saved.' })
    dirty.current = true
  }, [enabled, executeAsync, form])

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
