import { LinkIcon } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { Button } from '@/components/ui/button'
import { Card, CardContent } from '@/components/ui/card'

export const metadata: Metadata = { title: 'This link no longer works' }

export default function LinkInvalidPage() {
  return (
    <Card data-test="link-invalid">
      <CardContent className="flex flex-col items-center pt-8 text-center">
        <div className="flex size-14 items-center justify-center rounded-full bg-accent text-accent-foreground">
          <LinkIcon aria-hidden className="size-7" />
        </div>
        <h1 className="mt-5 text-2xl font-semibold tracking-tight">This link no longer works</h1>
        <p className="mt-3 text-muted-foreground">
          Sign-in links work once and expire after 10 minutes. This one has already been used or has expired. Ask
          for a fresh link and open the newest email.
        </p>
        <Button asChild size="lg" className="mt-6 w-full">
          <Link href="/login" data-test="link-invalid-new-link">
            Send me a new link
          </Link>
        </Button>
      </CardContent>
    </Card>
  )
}
