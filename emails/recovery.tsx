import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface RecoveryEmailProps {
  link: string
  expiresInMinutes: number
}

export const recoverySubject = 'Get back into your DoulaOS account'

/** DoulaOS has no passwords: recovering an account is signing in with a one-time link. */
export function RecoveryEmail({ link, expiresInMinutes }: RecoveryEmailProps) {
  return (
    <EmailLayout preview="A secure link to get back into DoulaOS">
      <Heading as="h1" style={headingStyle}>
        Get back into your account
      </Heading>
      <Text style={textStyle}>
        We received a request to recover your DoulaOS account. Use the button below to sign in; there is no
        password to reset.
      </Text>
      <Button href={link} style={buttonStyle}>
        Sign in to DoulaOS
      </Button>
      <Text style={smallStyle}>
        This link works once and expires in {expiresInMinutes} minutes. If the button does not work, copy this
        address into your browser: <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  )
}

RecoveryEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/auth/confirm?token_hash=pkce_0123456789abcdef&type=recovery',
  expiresInMinutes: 10,
} satisfies RecoveryEmailProps
