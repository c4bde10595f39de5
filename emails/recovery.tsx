import { Heading, Text } from '@react-email/components'
import { EmailLayout, headingStyle, textStyle } from './components/email-layout'
import { OneTimeLink } from './components/one-time-link'

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
      <OneTimeLink link={link} label="Sign in to DoulaOS" expiresInMinutes={expiresInMinutes} />
    </EmailLayout>
  )
}

RecoveryEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/auth/confirm?token_hash=pkce_0123456789abcdef&type=recovery',
  expiresInMinutes: 10,
} satisfies RecoveryEmailProps
