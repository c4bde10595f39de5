import { CircleCheck } from 'lucide-react'
import type { Metadata } from 'next'
import Link from 'next/link'
import { Card, CardContent } from '@/components/ui/card'

export const metadata: Metadata = { title: 'Account deleted' }

/** Where the owner lands, signed out, after deleting her practice. */
export default function AccountDeletedPage() {
  return (
    <Card data-test="account-deleted">
      <CardContent className="flex flex-col items-center pt-8 text-center">
        <CircleCheck aria-hidden className="size-10 text-primary" />
        <h1 className="mt-5 text-2xl font-semibold tracking-tight">Your practice has been deleted</h1>
        <p className="mt-3 text-muted-foreground" data-test="account-deleted-message">
          Every record, file and login that belonged only to it is gone, and you have been signed out. A receipt
          listing what was deleted is on its way to your email. Clients with portal access have been told.
        </p>
        <Link href="/" className="mt-6 font-medium text-primary underline-offset-4 hover:underline">
          Back to the home page
        </Link>
      </CardContent>
    </Card>
  )
}
