import { Download, FileText } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import type { PracticeDocument } from '@/lib/documents/practice-documents'
import { formatBytes } from '@/lib/documents/queries'
import { DocumentUpload } from '@/app/portal/documents/_components/upload'
import { formatInstant } from '../../../_components/format'
import { DeletePracticeDocument, ShareToggle } from './document-controls'

interface Props {
  clientId: string
  clientName: string
  /** The member's staging folder, `<practice_id>/<her user id>`. */
  stagingFolder: string
  /** Her portal login, to tell her uploads from the practice's; null when she has none. */
  portalUserId: string | null
  documents: PracticeDocument[]
  members: { userId: string; name: string }[]
  timeZone: string
}

/** Her uploads and the practice's files for her; sharing decides what her portal shows. */
export function DocumentsPanel({ clientId, clientName, stagingFolder, portalUserId, documents, members, timeZone }: Props) {
  const names = new Map(members.map((m) => [m.userId, m.name]))
  const uploader = (id: string | null) => {
    if (id !== null && id === portalUserId) return clientName
    return (id && names.get(id)) ?? 'A former team member'
  }
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Add a file for her</CardTitle>
          <CardDescription>Only your practice sees it until you share it with her.</CardDescription>
        </CardHeader>
        <CardContent>
          <DocumentUpload endpoint={`/api/clients/${clientId}/documents`} stagingFolder={stagingFolder} shareLabel={`Share with ${clientName} in her portal`} />
        </CardContent>
      </Card>
      {/* Where focus lands after a delete: the section stays whether files remain or not. */}
      <section id="client-documents-section" aria-labelledby="client-documents" tabIndex={-1} className="focus:outline-none">
        <h2 id="client-documents" className="mb-3 text-base font-semibold">
          Documents
        </h2>
        {documents.length === 0 ? (
          <EmptyState icon={FileText} title="No documents yet" description="Files she uploads in her portal and the ones you add appear here." data-test="client-documents-empty" />
        ) : (
          <Card className="p-0">
            <ul className="divide-y divide-border" data-test="client-document-list">
              {documents.map((d) => {
                const hers = d.uploaded_by !== null && d.uploaded_by === portalUserId
                return (
                  <li key={d.id} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between" data-test="client-document">
                    <a
                      href={`/api/documents/${d.id}/download`}
                      className="flex min-w-0 items-center gap-3 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
                      data-test="client-document-download"
                    >
                      <Download aria-hidden className="size-4 shrink-0 text-primary" />
                      <span className="min-w-0">
                        <span className="block truncate font-medium">{d.file_name}</span>
                        <span className="block text-xs text-muted-foreground">
                          {uploader(d.uploaded_by)} · {formatBytes(d.size_bytes)} · {formatInstant(d.created_at, timeZone)}
                        </span>
                      </span>
                    </a>
                    <span className="flex shrink-0 flex-wrap items-center gap-2">
                      {hers ? (
                        <Badge tone="calm">Her upload</Badge>
                      ) : (
                        <>
                          <Badge tone={d.shared_with_client ? 'success' : 'neutral'} data-test="client-document-state">
                            {d.shared_with_client ? 'Shared with her' : 'Practice only'}
                          </Badge>
                          <ShareToggle clientId={clientId} documentId={d.id} fileName={d.file_name} shared={d.shared_with_client} />
                        </>
                      )}
                      <DeletePracticeDocument
                        clientId={clientId}
                        documentId={d.id}
                        fileName={d.file_name}
                        visibleToHer={portalUserId !== null && (hers || d.shared_with_client)}
                        focusWhenDone="client-documents-section"
                      />
                    </span>
                  </li>
                )
              })}
            </ul>
          </Card>
        )}
      </section>
    </div>
  )
}
