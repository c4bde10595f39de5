import type { Metadata } from 'next'
import { LegalPage } from '@/components/legal-page'

export const metadata: Metadata = { title: 'Terms' }

export default function TermsPage() {
  return (
    <LegalPage title="Terms of service" updated="24 November 2026">
      <section>
        <h2>The service</h2>
        <p>
          DoulaOS is software for running a doula practice: client records, pregnancy timelines, a calendar,
          private notes and a portal for clients. It is an organisational tool. It does not give medical advice
          and is not a medical record system for hospitals or clinicians.
        </p>
      </section>
      <section>
        <h2>Your account</h2>
        <p>
          The person who opens a practice is its owner and is responsible for who they invite to it, as team
          members or as clients. Keep access to your email account secure: it is how you sign in.
        </p>
      </section>
      <section>
        <h2>Your content</h2>
        <p>
          Everything your practice records stays yours. You give us permission to store and process it only to
          provide DoulaOS to you. You are responsible for having your clients&apos; consent to record their
          information and to invite them to the portal.
        </p>
      </section>
      <section>
        <h2>Fair use</h2>
        <p>
          Do not use DoulaOS to break the law, to send unsolicited messages, or to try to reach data that is not
          yours. We may limit requests that put the service at risk.
        </p>
      </section>
      <section>
        <h2>Billing</h2>
        <p>
          DoulaOS does not charge yet. When paid plans start, they will be billed by subscription through Stripe,
          announced in advance; you will be able to cancel at any time and keep working until the end of the period
          already paid.
        </p>
      </section>
      <section>
        <h2>Leaving</h2>
        <p>
          You can export your data and delete your account at any time. When you delete it, we remove your
          practice and everything in it, as described in our privacy notice.
        </p>
      </section>
      <section>
        <h2>Changes</h2>
        <p>If we change these terms in a way that matters, we will email practice owners before it takes effect.</p>
      </section>
    </LegalPage>
  )
}
