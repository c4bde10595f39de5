import type { Metadata } from 'next'
import Link from 'next/link'
import { PageHeader } from '@/components/page-header'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { serverEnv } from '@/lib/env'
import { getInquirySettings } from '@/lib/inquiries/settings'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { InquirySettingsForm } from './_components/inquiry-settings-form'

export const metadata: Metadata = { title: 'Inquiry form' }

/** The practice's public inquiry page: its address, the snippets to embed it, and its settings. */
export default async function InquirySettingsPage() {
  const { active, db } = await requireDashboardContext()
  if (!active) return null
  const settings = await getInquirySettings(db, active.practiceId)
  const url = new URL(`/p/${settings.slug}`, serverEnv().NEXT_PUBLIC_SITE_URL).toString()
  const iframe = `<iframe src="${url}" title="Inquire with ${escapeAttribute(active.settings.name)}" style="width:100%;min-height:1100px;border:0" loading="lazy"></iframe>`
  const link = `<a href="${url}">Get in touch</a>`
  const canEdit = active.role !== 'doula'
  return (
    <>
      <PageHeader
        title="Inquiry form"
        description="People who are interested in your services write to you here; each inquiry becomes a lead in your pipeline."
        actions={
          <Link href="/dashboard/settings" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Back to settings
          </Link>
        }
      />
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Your inquiry page</CardTitle>
            <CardDescription>Share the address, or put the form on your own website with one of these snippets. The address follows your practice address in Settings.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <p className="break-all">
              <a href={url} className="font-medium text-primary underline-offset-4 hover:underline" data-test="inquiry-page-link">{url}</a>
            </p>
            <Snippet id="snippet-iframe" label="Embed the form (iframe)" code={iframe} />
            <Snippet id="snippet-link" label="Link to the form" code={link} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>What the form asks</CardTitle>
            <CardDescription>
              {canEdit ? 'Name and email are always required; choose which other answers are.' : 'Only the practice owner or an admin can change the inquiry form.'}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <InquirySettingsForm defaults={{ intro: settings.intro, required: settings.required }} canEdit={canEdit} />
          </CardContent>
        </Card>
      </div>
    </>
  )
}

function Snippet({ id, label, code }: { id: string; label: string; code: string }) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      <textarea id={id} readOnly rows={3} value={code} className="w-full rounded-md border border-input bg-muted p-2 font-mono text-xs" data-test={id} />
    </div>
  )
}

const escapeAttribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')
