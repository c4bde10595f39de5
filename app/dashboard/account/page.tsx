import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { EmailForm } from './_components/email-form'
import { NameForm } from './_components/name-form'
import { OtherDevices } from './_components/other-devices'

export const metadata: Metadata = { title: 'Your account' }

/** Hers, not the practice's: her name, her sign-in email and her sessions, whichever practice is open. */
export default async function AccountPage() {
  const { user } = await requireDashboardContext()
  return (
    <>
      <PageHeader title="Your account" description="Your name, the email you sign in with, and where you are signed in." />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Name</CardTitle>
            <CardDescription>How your colleagues and clients see you.</CardDescription>
          </CardHeader>
          <CardContent>
            <NameForm fullName={user.fullName ?? ''} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Sign-in email</CardTitle>
            <CardDescription>
              You sign in with <strong className="break-all text-foreground" data-test="account-current-email">{user.email}</strong>. To change it, enter the new address:
              we email a link to confirm it.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <EmailForm />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Other devices</CardTitle>
            <CardDescription>Lost a phone, or signed in on a shared computer? Sign out everywhere but here.</CardDescription>
          </CardHeader>
          <CardContent>
            <OtherDevices />
          </CardContent>
        </Card>
      </div>
    </>
  )
}
