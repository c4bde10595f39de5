import { createHash } from 'node:crypto'
import { DeletionNoticeEmail, deletionNoticeSubject } from '@/emails/deletion-notice'
import { DeletionReceiptEmail, deletionReceiptSubject } from '@/emails/deletion-receipt'
import type { OutgoingEmail } from '@/lib/email/send'
import type { ErasureJob } from './erasure.schema.ts'

export interface ErasureReceiptFacts {
  practiceName: string
  requesterEmail: string | null
  portalEmails: string[]
}

const formatUtc = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`

/**
 * The receipt for whoever confirmed the erasure and a notice for each client with portal access.
 * Idempotency keys are per job and recipient, so a resumed job never sends a second copy.
 */
export function erasureEmails(job: ErasureJob, facts: ErasureReceiptFacts, completedAt: Date): OutgoingEmail[] {
  const emails: OutgoingEmail[] = []
  if (facts.requesterEmail) {
    emails.push({
      to: facts.requesterEmail,
      subject: deletionReceiptSubject,
      idempotencyKey: `erasure-${job.id}-receipt`,
      react: (
        <DeletionReceiptEmail
          subject={facts.practiceName}
          scope={job.scope}
          rows={job.counts}
          files={job.files_total}
          loginsRemoved={job.logins_removed}
          billing={job.billing ?? 'no billing'}
          completedAt={formatUtc(completedAt)}
        />
      ),
    })
  }
  for (const to of facts.portalEmails) {
    emails.push({
      to,
      subject: deletionNoticeSubject,
      idempotencyKey: `erasure-${job.id}-notice-${createHash('sha256').update(to).digest('hex').slice(0, 32)}`,
      react: <DeletionNoticeEmail practiceName={facts.practiceName} />,
    })
  }
  return emails
}
