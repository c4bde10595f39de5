import { cn } from '@/components/ui/cn'
import { formatStamp } from '@/lib/dates/zoned-format'
import type { Message, Side } from '@/lib/messages/queries'

/**
 * A conversation as the `viewer` sees it: her own messages on the right with a read receipt from
 * the other side, theirs on the left. Times are on the practice's clock (`timeZone`), labelled with the zone.
 */
export function ThreadView({ messages, viewer, otherName, timeZone }: { messages: Message[]; viewer: Side; otherName: string; timeZone: string }) {
  return (
    <ol className="flex flex-col gap-3" aria-label="Messages" data-test="message-thread">
      {messages.map((m) => {
        const mine = m.sender_side === viewer
        const readAt = viewer === 'client' ? m.read_by_practice_at : m.read_by_client_at
        return (
          <li key={m.id} className={cn('flex flex-col gap-1', mine ? 'items-end' : 'items-start')} data-test="message">
            <span className="sr-only">{mine ? 'You' : otherName} wrote:</span>
            <p
              className={cn(
                'max-w-[85%] rounded-2xl px-4 py-2.5 text-[15px] leading-6 whitespace-pre-wrap break-words',
                mine ? 'rounded-br-sm bg-primary text-primary-foreground' : 'rounded-bl-sm bg-muted text-foreground',
              )}
            >
              {m.body}
            </p>
            <span className="px-1 text-xs text-muted-foreground">
              <time dateTime={m.created_at}>{formatStamp(m.created_at, timeZone)}</time>
              {m.automated ? <span data-test="message-automated"> · Sent automatically</span> : null}
              {mine ? <span data-test="read-receipt">{readAt ? ' · Read' : ' · Sent'}</span> : null}
            </span>
          </li>
        )
      })}
    </ol>
  )
}
