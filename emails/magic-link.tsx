import { Heading, Text } from '@react-email/components'
import { EmailLayout, headingStyle, textStyle } from './components/email-layout'
import { OneTimeLink } from './components/one-time-link'

export interface MagicLinkEmailProps {
  link: string
  expiresInMinutes: number
}

export const magicLinkSubject = 'Your DoulaOS sign-in link'

export function MagicLinkEmail({ link, expiresInMinutes }: MagicLinkEmailProps) {
  return (
    <EmailLayout preview="Your secure link to sign in to DoulaOS">
      <Heading as="h1" style={headingStyle}>
        Welcome back
      </Heading>
      <Text style={textStyle}>Use the button below to sign in to DoulaOS. No password needed.</Text>
      <OneTimeLink link={link} label="Sign in to DoulaOS" expiresInMinutes={expiresInMinutes} />
    </EmailLayout>
  )
}

MagicLinkEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/auth/confirm?token_hash=pkce_0123456789abcdef&type=magiclink',
  expiresInMinutes: 10,
} satisfies MagicLinkEmailProps
