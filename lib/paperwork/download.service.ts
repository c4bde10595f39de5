import 'server-only'
import { dbFailure, type Db } from '@/lib/server/db'
import { recordAuditEvent } from '@/lib/privacy/audit/record-event'
import type { RequestMeta } from '@/lib/security/client-ip'
import { currentPdfPath, pdfFileName, signedPdfUrl } from './pdf/store'
import { getRequestDetail, type RequestDetail } from './queries'
import { requestForPartnerToken } from './submit.service'

export type PdfDownload = { ok: true; url: string } | { ok: false; reason: 'not_found' | 'not_submitted' }

async function clientName(admin: Db, detail: RequestDetail): Promise<string> {
  const { data, error } = await admin.from('clients').select('first_name, last_name').eq('practice_id', detail.practiceId).eq('id', detail.summary.clientId).single()
  if (error) throw dbFailure('load the client', error)
  return [data.first_name, data.last_name].filter(Boolean).join(' ')
}

/**
 * A download of a form's PDF for whoever may read the form: the row is read through her own RLS
 * (her own forms for a client, the practice's for a member; anything else is not found), the
 * download goes on the practice's audit trail as her, and only then does the server mint a ≤ 60 s
 * link with the service role. A PDF that is missing or behind the signatures is made first.
 */
export async function formPdfDownload(db: Db, admin: Db, actorId: string, requestId: string, meta: RequestMeta): Promise<PdfDownload> {
  const detail = await getRequestDetail(db, requestId)
  if (!detail) return { ok: false, reason: 'not_found' }
  if (detail.summary.status !== 'submitted') return { ok: false, reason: 'not_submitted' }
  const path = await currentPdfPath(admin, detail)
  await recordAuditEvent(admin, { practiceId: detail.practiceId, actorId, action: 'form.download', entity: 'form_requests', entityId: detail.summary.id }, meta)
  return { ok: true, url: await signedPdfUrl(admin, path, pdfFileName(detail.snapshot.name, await clientName(admin, detail))) }
}

/**
 * The partner's copy, through her signing link (she has no login): once she has signed. The
 * download is audited by the server in the practice's trail.
 */
export async function partnerPdfDownload(admin: Db, token: string, meta: RequestMeta): Promise<PdfDownload> {
  const detail = await requestForPartnerToken(admin, token)
  if (!detail || !detail.signatures.some((s) => s.role === 'partner')) return { ok: false, reason: 'not_found' }
  const path = await currentPdfPath(admin, detail)
  const { error } = await admin.from('audit_log').insert({
    practice_id: detail.practiceId,
    actor_role: 'service_role',
    action: 'form.partner_download',
    entity: 'form_requests',
    entity_id: detail.summary.id,
    ip: meta.ip,
    user_agent: meta.userAgent,
  })
  if (error) throw dbFailure('record the download', error)
  return { ok: true, url: await signedPdfUrl(admin, path, pdfFileName(detail.snapshot.name, await clientName(admin, detail))) }
}
