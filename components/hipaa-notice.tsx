/** The same statement on /privacy and /security: what DoulaOS is not under HIPAA, and whose decision that leaves. */
export function HipaaNotice() {
  return (
    <section data-test="hipaa-notice">
      <h2>HIPAA and Business Associate Agreements</h2>
      <p>
        DoulaOS is not a HIPAA covered entity, and it does not sign Business Associate Agreements (BAAs). The
        protections described here are ours, not a HIPAA compliance promise. Whether a service without a BAA suits
        your practice depends on where you work and how you work (for example, whether you bill health insurance):
        each doula decides that for her own jurisdiction.
      </p>
    </section>
  )
}
