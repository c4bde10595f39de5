import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface TeamInviteEmailProps {
  /** One-time sign-in link that lands on the accept page. */
  link: string
  /** The accept page itself: still works after the sign-in link has expired (she signs in first). */
  joinUrl: string
  practiceName: string
  inviterName: string | null
  role: 'admin' | 'doula'
  signInMinutes: number
  /** The invitation's own lifetime (the table's default expiry). */
  validDays: number
}

export const teamInviteSubject = (practiceName: string) => `Join ${practiceName} on DoulaOS`

export function TeamInviteEmail({ link, joinUrl, practiceName, inviterName, role, signInMinutes, validDays }: TeamInviteEmailProps) {
  const who = inviterName ? `${inviterName} invited you` : 'You are invited'
  const as = role === 'admin' ? 'an admin' : 'a doula'
  return (
    <EmailLayout preview={`${who} to join ${practiceName} on DoulaOS`}>
      <Heading as="h1" style={headingStyle}>
        Join {practiceName}
      </Heading>
      <Text style={textStyle}>
        {who} to join {practiceName} on DoulaOS as {as}: the practice&apos;s clients, calendar and notes, shared with the team. You will not
        need a password.
      </Text>
      <Button href={link} style={buttonStyle}>
        Sign in and join
      </Button>
      <Text style={smallStyle}>
        The button signs you in once and works for {signInMinutes} minutes. After that, open <Link href={joinUrl}>{joinUrl}</Link> and sign
        in with this email address. The invitation stays valid for {validDays} days; after that, ask {inviterName ?? 'the practice'} to send
        a new one.
      </Text>
    </EmailLayout>
  )
}

TeamInviteEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/auth/confirm?token_hash=0123456789abcdef&type=magiclink&next=%2Fjoin%3Ftoken%3Dabc',
  joinUrl: 'http://127.0.0.1:3000/join?token=abc',
  practiceName: 'Harbor Doula Collective',
  inviterName: 'Maya Okafor',
  role: 'doula',
  signInMinutes: 10,
  validDays: 7,
} satisfies TeamInviteEmailProps
