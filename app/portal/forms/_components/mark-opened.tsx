'use client'
import { useAction } from 'next-safe-action/hooks'
import { useEffect } from 'react'
import { markFormOpenedAction } from '@/lib/paperwork/portal-actions'

/** Tells the practice she opened the form: from her browser, so a link prefetch never counts as opening it. */
export function MarkOpened({ requestId }: { requestId: string }) {
  const { execute } = useAction(markFormOpenedAction)
  useEffect(() => {
    execute({ requestId })
  }, [execute, requestId])
  return null
}
