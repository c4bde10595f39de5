import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { notFound } from 'next/navigation'
import { UTM_FIELDS } from '@/lib/inquiries/form-state'
import { freshFormToken } from '@/lib/inquiries/form-token'
import { getInquiryForm } from '@/lib/inquiries/queries'
import { createAdminClient } from '@/lib/supabase/admin'
import { InquiryForm } from './_components/inquiry-form'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const form = await getInquiryForm(createAdminClient(), (await params).slug)
  return { title: form ? `Inquire with ${form.practiceName}` : 'Inquiry', robots: { index: false } }
}

/**
 * A practice's public inquiry page, made to stand alone or sit in an iframe on the practice's own
 * site (the proxy lets any site frame this path, and only this one). It shows the practice's name,
 * intro and form; the form's token carries the server's clock so a too-fast post is recognised.
 */
export default async function InquiryPage({ params, searchParams }: Props) {
  const { slug } = await params
  const form = await getInquiryForm(createAdminClient(), slug)
  if (!form) notFound()
  const query = await searchParams
  const utm: Record<string, string> = {}
  for (const name of UTM_FIELDS) {
    const value = query[name]
    if (typeof value === 'string' && value.trim()) utm[name] = value.trim().slice(0, 200)
  }
  const referrer = ((await headers()).get('referer') ?? '').slice(0, 500)
  const token = freshFormToken(slug)
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-8 sm:py-12">
      <main id="main" className="flex w-full max-w-xl flex-col gap-6">
        <header className="flex flex-col gap-2">
          <p className="text-sm font-medium text-primary">{form.practiceName}</p>
          <h1 className="text-2xl font-semibold tracking-tight">Get in touch</h1>
          {form.intro ? <p className="whitespace-pre-line text-muted-foreground" data-test="inquiry-intro">{form.intro}</p> : null}
        </header>
        <InquiryForm slug={slug} token={token} required={form.required} utm={utm} referrer={referrer} />
      </main>
    </div>
  )
}
