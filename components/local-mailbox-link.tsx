import { Inbox } from 'lucide-react'
import { publicEnv } from '@/lib/env-public'

/**
 * On a local stack every email lands in the stand-in's mailbox instead of a real inbox; this points
 * there. Renders nothing when NEXT_PUBLIC_LOCAL_MAILBOX_URL is unset, as it is in production.
 */
export function LocalMailboxLink() {
  const url = publicEnv().NEXT_PUBLIC_LOCAL_MAILBOX_URL
  if (!url) return null
  return (
    <p className="mt-4 flex items-center justify-center gap-2 text-sm text-muted-foreground" data-test="local-mailbox-link">
      <Inbox aria-hidden className="size-4" />
      <span>
        Running locally: emails arrive in the{' '}
        <a href={url} target="_blank" rel="noreferrer" className="font-medium text-primary underline underline-offset-4">
          local mailbox
        </a>
      </span>
    </p>
  )
}
