import { Link } from '@react-email/components'
import { PracticeInvitation } from './components/practice-invitation'

export interface InviteEmailProps {
  link: string
  practiceName: string | null
  expiresInMinutes: number
}

/** Generic on purpose: a subject line is visible on lock screens and must not reveal a doula relationship. */
export const inviteSubject = 'You are invited to DoulaOS'

export function InviteEmail({ link, practiceName, expiresInMinutes }: InviteEmailProps) {
  return (
    <PracticeInvitation link={link} practiceName={practiceName}>
      This link works once and expires in {expiresInMinutes} minutes. If it has expired, ask for a new
      invitation. If the button does not work, copy this address into your browser:{' '}
      <Link href={link}>{link}</Link>
    </PracticeInvitation>
  )
}
