import { MessagesSquare } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Card } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { formatStamp } from '@/lib/dates/zoned-format'
import { clientDisplayName, lastWriter } from '@/lib/messages/names'
import { listInbox } from '@/lib/messages/queries'
import { requireDashboardContext } from '@/lib/server/dashboard-context'

export const metadata: Metadata = { title: 'Messages' }

export default async function MessagesPage() {
  const { active, db, user } = await requireDashboardContext()
  const inbox = active ? await listInbox(db, active.practiceId) : []
  const timeZone = active?.settings.timeZone ?? 'UTC'
  return (
    <>
      <PageHeader title="Messages" description="Private conversations with your clients." />
      {inbox.length === 0 ? (
        <EmptyState icon={MessagesSquare} title="No conversations yet" description="Invite a client to the portal from her record. Her messages to you will appear here." data-test="messages-empty" />
      ) : (
        <Card className="p-0">
          <ul className="divide-y divide-border" data-test="inbox">
            {inbox.map((row) => (
              <li key={row.client_id}>
                <Link
                  href={`/dashboard/messages/${row.client_id}`}
                  className="flex items-center justify-between gap-4 px-4 py-3 hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
                  data-test="inbox-thread"
                >
                  <span className="min-w-0">
                    <span className={row.unread_count > 0 ? 'block truncate font-semibold' : 'block truncate'}>{clientDisplayName(row)}</span>
                    <span className="block text-xs text-muted-foreground">
                      {lastWriter(row, user.id)} · <time dateTime={row.last_message_at}>{formatStamp(row.last_message_at, timeZone)}</time>
                    </span>
                  </span>
                  {row.unread_count > 0 ? (
                    <Badge tone="accent" data-test="inbox-unread">
                      {row.unread_count} unread
                    </Badge>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  )
}
