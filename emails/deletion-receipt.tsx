import { Heading, Section, Text } from '@react-email/components'
import { EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface DeletionReceiptEmailProps {
  /** What was erased, e.g. "Willow Birth Support" or "a client record of Willow Birth Support". */
  subject: string
  scope: 'practice' | 'client'
  /** Rows per table, counted before anything was deleted. */
  rows: Record<string, number>
  files: number
  loginsRemoved: number
  billing: string
  completedAt: string
}

export const deletionReceiptSubject = 'Your DoulaOS deletion receipt'

/** Counts and table names only: the receipt never lists a client's name or anything she shared. */
export function DeletionReceiptEmail({ subject, scope, rows, files, loginsRemoved, billing, completedAt }: DeletionReceiptEmailProps) {
  const tables = Object.entries(rows).sort(([a], [b]) => a.localeCompare(b))
  return (
    <EmailLayout preview="What was deleted, and when">
      <Heading as="h1" style={headingStyle}>
        Deletion receipt
      </Heading>
      <Text style={textStyle}>
        {scope === 'practice'
          ? `The DoulaOS account of ${subject} and everything it held have been permanently deleted.`
          : `A client record of ${subject}, her files and her portal access have been permanently deleted.`}
      </Text>
      <Section>
        {tables.map(([table, count]) => (
          <Text key={table} style={{ ...textStyle, margin: '0 0 4px' }}>
            {table.replaceAll('_', ' ')}: {count}
          </Text>
        ))}
        <Text style={{ ...textStyle, margin: '12px 0 4px' }}>Files: {files}</Text>
        <Text style={{ ...textStyle, margin: '0 0 4px' }}>Logins removed: {loginsRemoved}</Text>
        {scope === 'practice' ? (
          <Text style={{ ...textStyle, margin: '0 0 4px' }}>
            Billing:{' '}
            {billing === 'cancelled'
              ? 'subscription cancelled at once (no further invoices); your Stripe customer record and saved cards deleted'
              : 'no subscription'}
          </Text>
        ) : null}
      </Section>
      <Text style={smallStyle}>
        Completed {completedAt}. Backups are overwritten within 7 days. Keep this email as your record.
      </Text>
    </EmailLayout>
  )
}

DeletionReceiptEmail.PreviewProps = {
  subject: 'Willow Birth Support',
  scope: 'practice',
  rows: { practices: 1, clients: 12, appointments: 48, documents: 9 },
  files: 9,
  loginsRemoved: 14,
  billing: 'no billing',
  completedAt: '2026-11-24 08:00 UTC',
} satisfies DeletionReceiptEmailProps
