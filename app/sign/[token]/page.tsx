import { Download } from 'lucide-react'
import type { Metadata } from 'next'
import { Logo } from '@/components/logo'
import { AgreementText } from '@/components/paperwork/agreement-text'
import { AnswersView } from '@/components/paperwork/answers-view'
import { SignatureList } from '@/components/paperwork/signature-list'
import { Button } from '@/components/ui/button'
import { Card, CardContent } from '@/components/ui/card'
import { StatusMessage } from '@/components/ui/status-message'
import { dbFailure } from '@/lib/server/db'
import { PartnerTokenSchema } from '@/lib/paperwork/submit.schema'
import { requestForPartnerToken } from '@/lib/paperwork/submit.service'
import { createAdminClient } from '@/lib/supabase/admin'
import { PartnerSigner } from './_components/partner-signer'

export const metadata: Metadata = { title: 'Sign an agreement', robots: { index: false } }
export const dynamic = 'force-dynamic'

/**
 * A partner's signing page: she has no login, so her link's token is the only key. The server
 * reads the agreement with the service role only after the database matched the token, and shows
 * nothing but this one agreement.
 */
export default async function PartnerSignPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const admin = createAdminClient()
  const detail = PartnerTokenSchema.safeParse(token).success ? await requestForPartnerToken(admin, token) : null
  const practice = detail ? await admin.from('practices').select('name, time_zone').eq('id', detail.practiceId).single() : null
  if (practice?.error) throw dbFailure('load the practice', practice.error)
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-8 sm:py-12">
      <Logo className="mb-8" />
      <main id="main" className="flex w-full max-w-2xl flex-col gap-6">
        {!detail || !practice?.data ? (
          <StatusMessage tone="error">This signing link is not valid any more. Ask the practice to send you a new one.</StatusMessage>
        ) : (
          <>
            <header>
              <p className="text-sm font-medium text-primary">{practice.data.name}</p>
              <h1 className="text-2xl font-semibold tracking-tight">{detail.summary.name}</h1>
              <p className="mt-1 text-muted-foreground">
                {detail.summary.partnerName}, you are asked to sign this agreement after your partner and the practice.
              </p>
            </header>
            <Card>
              <CardContent className="p-4 sm:p-6">
                <AgreementText text={detail.snapshot.body ?? ''} />
              </CardContent>
            </Card>
            {detail.snapshot.fields.length > 0 ? (
              <Card>
                <CardContent className="p-4 sm:p-6">
                  <AnswersView fields={detail.snapshot.fields} answers={detail.answers} />
                </CardContent>
              </Card>
            ) : null}
            <SignatureList signatures={detail.signatures} partnerName={detail.summary.partnerName} timeZone={practice.data.time_zone} />
            {detail.signatures.some((s) => s.role === 'partner') ? (
              <>
                <StatusMessage tone="success">You signed. Everyone has signed this agreement now.</StatusMessage>
                <div>
                  <Button asChild variant="outline">
                    <a href={`/api/sign/${token}/pdf`} data-test="partner-pdf">
                      <Download aria-hidden /> Download the signed PDF
                    </a>
                  </Button>
                </div>
              </>
            ) : (
              <section aria-labelledby="partner-sign-title" className="flex flex-col gap-4 rounded-xl border border-border bg-card p-4 sm:p-6">
                <h2 id="partner-sign-title" className="text-lg font-semibold">
                  Sign the agreement
                </h2>
                <PartnerSigner token={token} partnerName={detail.summary.partnerName ?? ''} />
              </section>
            )}
          </>
        )}
      </main>
    </div>
  )
}
