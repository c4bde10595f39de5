import type { Metadata } from 'next'
import { HipaaNotice } from '@/components/hipaa-notice'
import { LegalPage } from '@/components/legal-page'
import { PrivacyContact } from '@/components/privacy-contact'

export const metadata: Metadata = { title: 'Privacy' }

export default function PrivacyPage() {
  return (
    <LegalPage title="Privacy notice" updated="24 November 2026">
      <section>
        <h2>Who this covers</h2>
        <p>
          DoulaOS is used by doulas (our customers) and by the expectant clients they invite to the client
          portal. A doula&apos;s practice decides what it records about its clients; we hold that information on
          the practice&apos;s behalf and only use it to run the service for that practice.
        </p>
      </section>
      <section>
        <h2>What we store</h2>
        <ul>
          <li>For doulas: name, email address, practice name, team members and their roles.</li>
          <li>
            For clients, as entered by their doula: contact details, pregnancy details such as due date,
            appointments, messages exchanged in the portal, and documents shared with the practice.
          </li>
          <li>Private notes a doula writes. These are never shown to clients.</li>
          <li>A record of sensitive actions, such as who downloaded which document and when.</li>
        </ul>
      </section>
      <section>
        <h2>What we never do</h2>
        <ul>
          <li>We do not sell or rent personal data, and we do not use it for advertising.</li>
          <li>We do not put health details in emails. Emails carry a sign-in link, never the record itself.</li>
          <li>We do not share one practice&apos;s data with another practice.</li>
        </ul>
      </section>
      <section>
        <h2>Sign-in</h2>
        <p>
          There are no passwords. You sign in with a single-use link emailed to you, which expires after ten
          minutes. Your session is kept in a secure cookie and ends when you sign out.
        </p>
      </section>
      <section>
        <h2>Sub-processors</h2>
        <p>We rely on a small number of providers to run DoulaOS:</p>
        <ul>
          <li>Supabase: database, file storage and sign-in.</li>
          <li>Vercel: hosting of the web application.</li>
          <li>Resend: delivery of emails such as sign-in links, invitations and message notifications.</li>
          <li>Stripe: subscription billing for practices. Stripe never receives client records.</li>
        </ul>
      </section>
      <section>
        <h2>Export and deletion</h2>
        <p>
          A practice owner can export everything the practice holds at any time. An owner can also delete the
          account: we then remove the practice, every record and file in it, and the logins of people who
          belong to no other practice, and we email the owner a receipt listing what was deleted.
        </p>
      </section>
      <section>
        <h2>How long we keep it</h2>
        <ul>
          <li>A practice&apos;s records and files: for as long as the practice keeps them, until it deletes them or the account.</li>
          <li>
            The record of sensitive actions: 12 months where the practice can browse it, then in a separate
            private archive until it is six years old, when it is removed. The archive is part of the
            practice&apos;s export and is deleted with the account.
          </li>
          <li>
            Database backups: kept by our database provider for up to 7 days, so deleted data is gone from the
            backups within a week.
          </li>
          <li>
            After an account is deleted we keep only a fingerprint of its identifier with counts and dates, so
            a deletion can be re-applied if a backup is ever restored.
          </li>
        </ul>
      </section>
      <HipaaNotice />
      <section>
        <h2>Questions</h2>
        <p>
          Clients should contact their doula first, since the practice decides what it records. Doulas can write
          to us at <PrivacyContact />; the same address is on the Settings page of their account.
        </p>
      </section>
    </LegalPage>
  )
}
