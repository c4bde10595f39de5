import { CalendarDays, FileText, MessageCircle } from 'lucide-react'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent } from '@/components/ui/card'
import { requirePortalUser } from '@/lib/auth/require-portal-user'

const shortcuts = [
  { href: '/portal/appointments', icon: CalendarDays, title: 'Appointments', body: 'See your upcoming visits.' },
  { href: '/portal/messages', icon: MessageCircle, title: 'Messages', body: 'Write to your doula.' },
  { href: '/portal/documents', icon: FileText, title: 'Documents', body: 'Share your birth plan and forms.' },
]

export default async function PortalHomePage() {
  await requirePortalUser()
  return (
    <>
      <PageHeader title="Welcome" description="Everything you share with your doula, in one private place." />
      <ul className="grid gap-4 sm:grid-cols-3" data-test="portal-home">
        {shortcuts.map(({ href, icon: Icon, title, body }) => (
          <li key={href}>
            <Link href={href} className="block rounded-xl focus-visible:outline-2 focus-visible:outline-ring">
              <Card className="h-full transition-colors hover:border-primary/40">
                <CardContent className="flex items-start gap-3">
                  <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-accent text-accent-foreground">
                    <Icon aria-hidden className="size-5" />
                  </span>
                  <span>
                    <span className="block font-semibold">{title}</span>
                    <span className="mt-0.5 block text-sm text-muted-foreground">{body}</span>
                  </span>
                </CardContent>
              </Card>
            </Link>
          </li>
        ))}
      </ul>
    </>
  )
}
