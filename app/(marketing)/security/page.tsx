import type { Metadata } from 'next'
import { HipaaNotice } from '@/components/hipaa-notice'
import { LegalPage } from '@/components/legal-page'
import { PrivacyContact } from '@/components/privacy-contact'

export const metadata: Metadata = { title: 'Security' }

export default function SecurityPage() {
  return (
    <LegalPage title="How we protect your practice" updated="24 November 2026">
      <section>
        <h2>Each practice is walled off in the database</h2>
        <p>
          Every record belongs to one practice. Access is decided by row-level security rules inside the
          Postgres database: a request only ever sees the rows of practices the signed-in person belongs to.
          Even a mistake in a screen cannot show one practice&apos;s clients to another, because the database
          refuses the request. Clients see only their own appointments, messages and documents, and never a
          doula&apos;s private notes.
        </p>
      </section>
      <section>
        <h2>Private documents and short-lived links</h2>
        <p>
          Documents live in a private storage bucket, filed under their practice. There are no public links.
          Each download uses a signed link that expires within minutes, and each one is recorded with who asked
          for it and when.
        </p>
      </section>
      <section>
        <h2>Sign-in without passwords</h2>
        <p>
          You sign in with a magic link: a single-use link sent to your email that expires after ten minutes.
          The sign-in page answers the same way whether or not an address has an account, so it cannot be used
          to find out who uses DoulaOS. Session cookies are marked HttpOnly, Secure and SameSite, and signing out
          clears them from your browser.
        </p>
      </section>
      <section>
        <h2>In the browser</h2>
        <p>
          Pages are served over HTTPS with a strict content security policy, cannot be framed by other sites, and
          pages that show client information are never cached.
        </p>
      </section>
      <section>
        <h2>Keys and providers</h2>
        <p>
          Keys that can bypass the database rules are used only on our servers, for tasks such as sending queued emails
          and account deletion, and never reach your browser. Our providers are Supabase (database,
          storage, sign-in), Vercel (hosting), Resend (email) and Stripe (billing).
        </p>
      </section>
      <section>
        <h2>An audit trail that cannot be rewritten</h2>
        <p>
          Document downloads, exports, invitations, role changes and deletions are recorded with who, when and
          from where, never with health details. Nobody can edit these records or remove them early, not even
          us through the application. They stay viewable for 12 months, then move to a separate private archive that is
          kept for six years. Exports and deletions are also limited to a few per hour for each person.
        </p>
      </section>
      <section>
        <h2>Your data, your decision</h2>
        <p>
          Owners can export the whole practice at any time, or delete it. Deletion removes every record, file
          and login that belongs only to the practice.
        </p>
      </section>
      <HipaaNotice />
      <section>
        <h2>Reporting a problem</h2>
        <p>
          Questions about security or privacy, or a weakness you have found: write to <PrivacyContact />.
        </p>
      </section>
    </LegalPage>
  )
}
