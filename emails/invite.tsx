import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface InviteEmailProps {
  link: string
  practiceName: string | null
  expiresInMinutes: number
}

/** Generic on purpose: a subject line is visible on lock screens and must not reveal a doula relationship. */
export const inviteSubject = 'You are invited to DoulaOS'

export function InviteEmail({ link, practiceName, expiresInMinutes }: InviteEmailProps) {
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
        This link works once and expires in {expiresInMinutes} minutes. If it has expired, ask for a new
        invitation. If the button does not work, copy this address into your browser:{' '}
        <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  )
}

InviteEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/auth/confirm?token_hash=0123456789abcdef&type=invite&next=%2Fportal',
  practiceName: 'Willow Birth Support',
  expiresInMinutes: 10,
} satisfies InviteEmailProps
