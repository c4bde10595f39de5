import 'server-only'
import { createHash } from 'node:crypto'
import { dbFailure, type Db } from '@/lib/server/db'
import { getRequestDetail, type RequestDetail } from '../queries'
import { FORM_PDFS_BUCKET } from './bucket'
import { renderFormPdf } from './render'

/** Download links are minted by the server after the access check and live no longer than this. */
export const PDF_URL_SECONDS = 60

export interface StoredPdf {
  path: string
  sha256: string
  bytes: number
}

/** Where a request's PDF showing `signatures` signatures lives: under its client's folder. */
export const pdfPathFor = (detail: Pick<RequestDetail, 'practiceId' | 'summary'>, signatures: number) =>
  `${detail.practiceId}/${detail.summary.clientId}/${detail.summary.id}/${signatures === 0 ? 'submitted' : `signatures-${signatures}`}.pdf`

/** A PDF is made once she submitted; it is out of date when a signature came after it. */
export const needsPdf = (detail: RequestDetail) =>
  detail.summary.status === 'submitted' && (detail.pdfPath === null || detail.pdfSignatures !== detail.signatures.length)

/**
 * Renders a submitted form's PDF and stores it with the service role, then points the row at it
 * and removes the one it replaces. Call only after the person's own RLS-checked read or write of
 * this request: `admin` bypasses RLS.
 */
export async function storeFormPdf(admin: Db, requestId: string): Promise<StoredPdf> {
  const detail = await getRequestDetail(admin, requestId)
  if (!detail || detail.summary.status !== 'submitted') throw new Error(`Form ${requestId} has nothing to put in a PDF yet`)
  const [practice, client] = await Promise.all([
    admin.from('practices').select('name, time_zone').eq('id', detail.practiceId).single(),
    admin.from('clients').select('first_name, last_name').eq('practice_id', detail.practiceId).eq('id', detail.summary.clientId).single(),
  ])
  if (practice.error) throw dbFailure('load the practice for the PDF', practice.error)
  if (client.error) throw dbFailure('load the client for the PDF', client.error)
  const pdf = await renderFormPdf({
    requestId: detail.summary.id,
    practiceName: practice.data.name,
    timeZone: practice.data.time_zone,
    clientName: [client.data.first_name, client.data.last_name].filter(Boolean).join(' '),
    snapshot: detail.snapshot,
    answers: detail.answers,
    sentAt: detail.summary.createdAt,
    submittedAt: detail.summary.submittedAt,
    contentSha256: detail.contentSha256,
    partnerName: detail.summary.partnerName,
    signatures: detail.signatures,
    sealedAt: detail.summary.sealedAt,
  })
  const path = pdfPathFor(detail, detail.signatures.length)
  const bucket = admin.storage.from(FORM_PDFS_BUCKET)
  const uploaded = await bucket.upload(path, pdf, { contentType: 'application/pdf', upsert: true })
  if (uploaded.error) throw dbFailure('store the PDF', uploaded.error)
  const sha256 = createHash('sha256').update(pdf).digest('hex')
  const { error } = await admin
    .from('form_requests')
    .update({ pdf_path: path, pdf_sha256: sha256, pdf_signatures: detail.signatures.length })
    .eq('id', requestId)
  if (error) throw dbFailure('record the PDF', error)
  if (detail.pdfPath && detail.pdfPath !== path) {
    const removed = await bucket.remove([detail.pdfPath])
    if (removed.error) console.error('[paperwork] could not remove the replaced PDF', detail.pdfPath, removed.error.message)
  }
  return { path, sha256, bytes: pdf.byteLength }
}

/**
 * After a submission or a signature: the PDF is made right away, and a failure there never undoes
 * what she did (the download makes it on demand instead).
 */
export async function refreshFormPdf(admin: Db, requestId: string): Promise<void> {
  try {
    await storeFormPdf(admin, requestId)
  } catch (error) {
    console.error('[paperwork] the PDF will be made on the next download', requestId, error)
  }
}

/** The current PDF's object name, made first when it is missing or behind the signatures. */
export async function currentPdfPath(admin: Db, detail: RequestDetail): Promise<string> {
  if (!needsPdf(detail) && detail.pdfPath) return detail.pdfPath
  return (await storeFormPdf(admin, detail.summary.id)).path
}

/** A ≤ 60 s download link, minted by the server; the caller has checked access and audited. */
export async function signedPdfUrl(admin: Db, path: string, fileName: string): Promise<string> {
  const { data, error } = await admin.storage.from(FORM_PDFS_BUCKET).createSignedUrl(path, PDF_URL_SECONDS, { download: fileName })
  if (error) throw dbFailure('prepare the PDF download', error)
  return data.signedUrl
}

/** "Intake questionnaire - Olivia Bennett.pdf", without characters a file system dislikes. */
export function pdfFileName(formName: string, clientName: string): string {
  const base = `${formName} - ${clientName}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/\s+/g, ' ').trim().slice(0, 150)
  return `${base || 'form'}.pdf`
}
