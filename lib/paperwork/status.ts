import type { FormKind } from './fields'

export type SignerRole = 'client' | 'practice' | 'partner'
export const SIGNER_ROLE_LABELS: Record<SignerRole, string> = { client: 'Client', practice: 'Practice', partner: 'Partner' }

/** What the lists need of one request, from either side. */
export interface RequestSummary {
  id: string
  clientId: string
  kind: FormKind
  name: string
  status: 'sent' | 'in_progress' | 'submitted' | 'cancelled'
  note: string | null
  dueOn: string | null
  createdAt: string
  lastSentAt: string
  sendCount: number
  openedAt: string | null
  startedAt: string | null
  submittedAt: string | null
  cancelledAt: string | null
  sealedAt: string | null
  partnerName: string | null
  signatures: { role: SignerRole; signedAt: string; signerName: string }[]
}

/** Where a request stands, as one word the badges and filters use. */
export type Stage = 'sent' | 'opened' | 'in_progress' | 'submitted' | 'awaiting_practice' | 'awaiting_partner' | 'signed' | 'cancelled'

export function stageOf(r: Pick<RequestSummary, 'kind' | 'status' | 'openedAt' | 'sealedAt' | 'partnerName' | 'signatures'>): Stage {
  if (r.status === 'cancelled') return 'cancelled'
  if (r.status === 'sent') return r.openedAt ? 'opened' : 'sent'
  if (r.status === 'in_progress') return 'in_progress'
  if (r.kind === 'intake') return 'submitted'
  if (r.sealedAt) return 'signed'
  return r.signatures.some((s) => s.role === 'practice') ? 'awaiting_partner' : 'awaiting_practice'
}

/** Open for her: still to fill in (or sign). */
export const isOpenForClient = (r: Pick<RequestSummary, 'status'>) => r.status === 'sent' || r.status === 'in_progress'

export const PRACTICE_STAGE_LABELS: Record<Stage, string> = {
  sent: 'Sent',
  opened: 'Opened',
  in_progress: 'In progress',
  submitted: 'Submitted',
  awaiting_practice: 'Signed by her: your countersignature',
  awaiting_partner: 'Waiting for her partner',
  signed: 'Signed by everyone',
  cancelled: 'Cancelled',
}

export const CLIENT_STAGE_LABELS: Record<Stage, string> = {
  sent: 'To do',
  opened: 'To do',
  in_progress: 'Started',
  submitted: 'Submitted',
  awaiting_practice: 'Signed: waiting for your doula',
  awaiting_partner: 'Waiting for your partner',
  signed: 'Signed by everyone',
  cancelled: 'Cancelled',
}

export const STAGE_TONES: Record<Stage, 'neutral' | 'accent' | 'success' | 'calm'> = {
  sent: 'neutral',
  opened: 'calm',
  in_progress: 'calm',
  submitted: 'success',
  awaiting_practice: 'accent',
  awaiting_partner: 'calm',
  signed: 'success',
  cancelled: 'neutral',
}

/** The dated steps of a request, oldest first, for the doula's timeline. */
export function timelineOf(r: RequestSummary): { label: string; at: string }[] {
  const steps: { label: string; at: string | null }[] = [
    { label: 'Sent', at: r.createdAt },
    { label: r.sendCount > 1 ? `Sent again (${r.sendCount - 1}×)` : '', at: r.sendCount > 1 ? r.lastSentAt : null },
    { label: 'Opened', at: r.openedAt },
    { label: 'Started', at: r.startedAt },
    { label: r.kind === 'agreement' ? 'Signed by her' : 'Submitted', at: r.submittedAt },
    ...r.signatures
      .filter((s) => s.role !== 'client')
      .map((s) => ({ label: `${s.role === 'practice' ? 'Countersigned' : 'Signed by her partner'} (${s.signerName})`, at: s.signedAt })),
    { label: 'Cancelled', at: r.cancelledAt },
  ]
  return steps.filter((s): s is { label: string; at: string } => s.at !== null && s.label !== '')
}
