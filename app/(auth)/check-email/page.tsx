import { MailCheck } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { Card, CardContent } from '@/components/ui/card'

export const metadata: Metadata = { title: 'Check your email' }

/** The same page for every address, known or not, so it reveals nothing about who has an account. */
export default function CheckEmailPage() {
  return (
    <Card data-test="check-email">
      <CardContent className="flex flex-col items-center pt-8 text-center">
        <div className="flex size-14 items-center justify-center rounded-full bg-accent text-accent-foreground">
          <MailCheck aria-hidden className="size-7" />
        </div>
        <h1 className="mt-5 text-2xl font-semibold tracking-tight">Check your email</h1>
        <p className="mt-3 text-muted-foreground" data-test="check-email-message">
          If that address can sign in, a link is on its way. Open it on this device within 10 minutes. It works
          once.
        </p>
        <ul className="mt-6 w-full space-y-2 rounded-lg bg-muted px-4 py-3 text-left text-sm text-muted-foreground">
          <li>Nothing after a minute? Look in your spam or promotions folder.</li>
          <li>
            Still nothing?{' '}
            <Link href="/login" className="font-medium text-primary underline-offset-4 hover:underline">
              Ask for a new link
            </Link>
            .
          </li>
        </ul>
      </CardContent>
    </Card>
  )
}
