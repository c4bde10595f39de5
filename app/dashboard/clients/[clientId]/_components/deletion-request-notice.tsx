import { TriangleAlert } from 'lucide-react'

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' })

/** For the client page: her open "delete my data" request (members read it under RLS). */
export function DeletionRequestNotice({ requestedAt }: { requestedAt: string }) {
  return (
    <div role="status" className="flex items-start gap-2 rounded-md bg-danger-soft px-3 py-2.5 text-sm text-danger" data-test="deletion-request-notice">
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>She asked the practice to delete her data on {when.format(new Date(requestedAt))}. Contact her, then erase her record from Settings → Data &amp; privacy.</p>
    </div>
  )
}
