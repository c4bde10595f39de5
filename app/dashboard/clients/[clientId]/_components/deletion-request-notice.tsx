import { TriangleAlert } from 'lucide-react'
import { openDeletionRequest } from '@/lib/portal/profile'
import { createClient } from '@/lib/supabase/server'

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' })

/** For the client page: shows her open "delete my data" request, if any (members read it under RLS). */
export async function DeletionRequestNotice({ clientId }: { clientId: string }) {
  const request = await openDeletionRequest(await createClient(), clientId)
  if (!request) return null
  return (
    <div role="status" className="flex items-start gap-2 rounded-md bg-danger-soft px-3 py-2.5 text-sm text-danger" data-test="deletion-request-notice">
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>She asked the practice to delete her data on {when.format(new Date(request.requested_at))}. Contact her, then erase her record from Settings → Data &amp; privacy.</p>
    </div>
  )
}
