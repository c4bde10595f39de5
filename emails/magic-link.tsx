import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

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

MagicLinkEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/auth/confirm?token_hash=pkce_0123456789abcdef&type=magiclink',
  expiresInMinutes: 10,
} satisfies MagicLinkEmailProps
