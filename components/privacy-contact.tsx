import { connection } from 'next/server'
import { privacyContactEmail } from '@/lib/env'

/** The privacy contact as a mail link, read per request so one build serves any deployment's address. */
export async function PrivacyContact() {
  await connection()
  const email = privacyContactEmail()
  return (
    <a href={`mailto:${email}`} className="font-medium text-primary underline underline-offset-4" data-test="privacy-contact">
      {email}
    </a>
  )
}
