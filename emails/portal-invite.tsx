import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

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
  const who = practiceName ?? 'Your doula'
  return (
    <EmailLayout preview={`${who} invited you to a private space on DoulaOS`}>
      <Heading as="h1" style={headingStyle}>
        You are invited
      </Heading>
      <Text style={textStyle}>
        {who} uses DoulaOS to share appointments, documents and messages with you in one private place.
        Accept the invitation to sign in. You will not need a password.
      </Text>
      <Button href={link} style={buttonStyle}>
        Accept invitation
      </Button>
      <Text style={smallStyle}>
        The button signs you in once and works for {signInMinutes} minutes. After that, open <Link href={acceptUrl}>{acceptUrl}</Link> and sign
        in with this email address. The invitation stays valid for {validDays} days; after that, ask {practiceName ?? 'your doula'} for a new
        one.
      </Text>
    </EmailLayout>
  )
}

PortalInviteEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/auth/confirm?token_hash=0123456789abcdef&type=magiclink&next=%2Fportal-join%3Ftoken%3Dabc',
  acceptUrl: 'http://127.0.0.1:3000/portal-join?token=abc',
  practiceName: 'Willow Birth Support',
  signInMinutes: 10,
  validDays: 7,
} satisfies PortalInviteEmailProps
