'use client'
import { useAction } from 'next-safe-action/hooks'
import { useEffect } from 'react'
import { markThreadReadAction } from '@/lib/messages/actions'
import { markMyThreadReadAction } from '@/lib/portal/portal-actions'

/*
 * Opening a thread is reading it, but a GET must not write: the page renders the thread, and once
 * it is on screen these post the read receipts. They render nothing; a failure only leaves the
 * messages unread until the next visit.
 */

/** On a member's view of a client's thread. */
export function MarkPracticeThreadRead({ clientId }: { clientId: string }) {
  const { execute } = useAction(markThreadReadAction)
  useEffect(() => execute({ clientId }), [execute, clientId])
  return null
}

/** On the client's view of her thread with the practice. */
export function MarkMyThreadRead() {
  const { execute } = useAction(markMyThreadReadAction)
  useEffect(() => execute(), [execute])
  return null
}
