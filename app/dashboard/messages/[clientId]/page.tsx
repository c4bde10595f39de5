import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent } from '@/components/ui/card'
import { PracticeComposer } from '@/components/messages/composer'
import { MarkPracticeThreadRead } from '@/components/messages/mark-read'
import { clientDisplayName } from '@/lib/messages/names'
import { getCorrespondent, listThread } from '@/lib/messages/queries'
import { ThreadView } from '@/components/messages/thread-view'
import { isUuid } from '@/lib/ids'
import { requireDashboardContext } from '@/lib/server/dashboard-context'

export const metadata: Metadata = { title: 'Conversation' }

export default async function ThreadPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params
  const { active, db } = await requireDashboardContext()
  if (!active || !isUuid(clientId)) notFound()
  const thread = { practiceId: active.practiceId, clientId }
  const [client, messages] = await Promise.all([getCorrespondent(db, thread), listThread(db, thread)])
  if (!client) notFound()
  const name = clientDisplayName(client)
  return (
    <>
      <PageHeader
        title={name}
        description="Messages are private between her and your practice."
        actions={
          <Link href="/dashboard/messages" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            All conversations
          </Link>
        }
      />
      <Card>
        <CardContent className="flex flex-col gap-6">
          {messages.length === 0 ? (
            <p className="text-sm text-muted-foreground">No messages yet. Start the conversation below.</p>
          ) : (
            <ThreadView messages={messages} viewer="practice" otherName={name} timeZone={active.settings.timeZone} />
          )}
          <PracticeComposer clientId={clientId} />
          <MarkPracticeThreadRead clientId={clientId} />
        </CardContent>
      </Card>
    </>
  )
}
