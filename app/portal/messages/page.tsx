import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent } from '@/components/ui/card'
import { PortalComposer } from '@/components/messages/composer'
import { MarkMyThreadRead } from '@/components/messages/mark-read'
import { listThread } from '@/lib/messages/queries'
import { ThreadView } from '@/components/messages/thread-view'
import { requirePortalContext } from '@/lib/server/portal-context'

export const metadata: Metadata = { title: 'Messages' }

export default async function PortalMessagesPage() {
  const { db, active } = await requirePortalContext()
  const thread = { practiceId: active.practiceId, clientId: active.clientId }
  const messages = await listThread(db, thread)
  return (
    <>
      <PageHeader title="Messages" description={`A private line to ${active.practiceName}.`} />
      <Card>
        <CardContent className="flex flex-col gap-6">
          {messages.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-test="portal-messages-empty">
              No messages yet. Write to your doula below. For anything urgent in labour, call your doula or your care provider.
            </p>
          ) : (
            <ThreadView messages={messages} viewer="client" otherName={active.practiceName} timeZone={active.timeZone} />
          )}
          <PortalComposer />
          <MarkMyThreadRead />
        </CardContent>
      </Card>
    </>
  )
}
