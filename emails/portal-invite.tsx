import { Link } from '@react-email/components'
import { PracticeInvitation } from './components/practice-invitation'

export interface PortalInviteEmailProps {
  /** One-time sign-in link that lands on the accept page. */
  link: string
  /** The accept page itself: still works after the sign-in link has expired (she signs in first). */
  acceptUrl: string
  practiceName: string | null
  signInMinutes: number
  /** The invitation's own lifetime. */
  validDays: number
}

/** Generic on purpose: a subject line is visible on lock screens and must not reveal a doula relationship. */
export const portalInviteSubject = 'You are invited to DoulaOS'

export function PortalInviteEmail({ link, acceptUrl, practiceName, signInMinutes, validDays }: PortalInviteEmailProps) {
  return (
    <PracticeInvitation link={link} practiceName={practiceName}>
      The button signs you in once and works for {signInMinutes} minutes. After that, open <Link href={acceptUrl}>{acceptUrl}</Link> and sign
      in with this email address. The invitation stays valid for {validDays} days; after that, ask {practiceName ?? 'your doula'} for a new
      one.
    </PracticeInvitation>
  )
}
