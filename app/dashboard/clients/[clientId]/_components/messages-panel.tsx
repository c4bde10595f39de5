import Link from 'next/link'
import { Card, CardContent } from '@/components/ui/card'
import { PracticeComposer } from '@/components/messages/composer'
import { MarkPracticeThreadRead } from '@/components/messages/mark-read'
import type { Message } from '@/lib/messages/queries'
import { ThreadView } from '@/components/messages/thread-view'

/** Her thread with the practice, as in the inbox; once it is on screen her messages are marked read. */
export function MessagesPanel({
  clientId,
  clientName,
  messages,
  timeZone,
}: {
  clientId: string
  clientName: string
  messages: Message[]
  timeZone: string
}) {
  return (
    <Card>
      <CardContent className="flex flex-col gap-6">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-muted-foreground">Messages are private between her and your practice.</p>
          <Link href="/dashboard/messages" className="text-sm font-medium text-primary underline-offset-4 hover:underline" data-test="client-messages-inbox">
            All conversations
          </Link>
        </div>
        {messages.length === 0 ? (
          <p className="text-sm text-muted-foreground">No messages yet. Start the conversation below.</p>
        ) : (
          <ThreadView messages={messages} viewer="practice" otherName={clientName} timeZone={timeZone} />
        )}
        <PracticeComposer clientId={clientId} />
        <MarkPracticeThreadRead clientId={clientId} />
      </CardContent>
    </Card>
  )
}
