'use client'
import { useEffect } from 'react'

/**
 * On a phone the week stacks as a list, and by Sunday today sits below six past days: bring it to the
 * top of the screen once, on arrival. Wide screens show the whole week side by side and stay put.
 */
export function ScrollToToday({ listId }: { listId: string }) {
  useEffect(() => {
    if (!window.matchMedia('(max-width: 1023.98px)').matches) return
    document.getElementById(listId)?.querySelector<HTMLElement>('[aria-current="date"]')?.scrollIntoView({ block: 'start' })
  }, [listId])
  return null
}
