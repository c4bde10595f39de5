import { Download, FileText } from 'lucide-react'
import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Card } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { formatBytes, listClientDocuments } from '@/lib/documents/queries'
import { requirePortalContext } from '@/lib/server/portal-context'
import { DeleteDocument } from './_components/delete-document'
import { DocumentUpload } from './_components/upload'

export const metadata: Metadata = { title: 'Documents' }

export default async function PortalDocumentsPage() {
  const { user, db, active } = await requirePortalContext()
  const documents = await listClientDocuments(db, active.clientId)
  return (
    <>
      <PageHeader title="Documents" description={`Files you share with ${active.practiceName}, and theirs for you.`} />
      <div className="flex flex-col gap-6">
        <DocumentUpload endpoint="/api/documents" stagingFolder={`${active.practiceId}/${user.id}`} />
        {/* Where focus lands after a delete: it stays on the page whether files remain or not. */}
        <section id="portal-documents" aria-label="Your documents" tabIndex={-1} className="focus:outline-none">
          {documents.length === 0 ? (
            <EmptyState icon={FileText} title="No documents yet" description="Files your doula shares with you, and the ones you upload, appear here." data-test="portal-documents-empty" />
          ) : (
            <Card className="p-0">
              <ul className="divide-y divide-border" data-test="document-list">
                {documents.map((d) => {
                  const mine = d.uploaded_by === user.id
                  return (
                    <li key={d.id} className="flex items-center justify-between gap-3 px-4 py-3" data-test="document">
                      <a href={`/api/documents/${d.id}/download`} className="flex min-w-0 items-center gap-3 hover:underline focus-visible:outline-2 focus-visible:outline-ring" data-test="document-download">
                        <Download aria-hidden className="size-4 shrink-0 text-primary" />
                        <span className="min-w-0">
                          <span className="block font-medium [overflow-wrap:anywhere]" data-test="document-name">
                            {d.file_name}
                          </span>
                          <span className="block text-xs text-muted-foreground">{formatBytes(d.size_bytes)}</span>
                        </span>
                      </a>
                      <span className="flex shrink-0 items-center gap-2">
                        <Badge tone={mine ? 'neutral' : 'accent'}>{mine ? 'Uploaded by you' : 'From your doula'}</Badge>
                        {mine ? <DeleteDocument documentId={d.id} fileName={d.file_name} focusWhenDone="portal-documents" /> : null}
                      </span>
                    </li>
                  )
                })}
              </ul>
            </Card>
          )}
        </section>
      </div>
    </>
  )
}
