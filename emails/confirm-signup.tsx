import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface ConfirmSignupEmailProps {
  link: string
  firstName: string | null
  expiresInMinutes: number
}

export const confirmSignupSubject = 'Confirm your email to open your DoulaOS practice'

export function ConfirmSignupEmail({ link, firstName, expiresInMinutes }: ConfirmSignupEmailProps) {
  return (
    <EmailLayout preview="One click and your practice is ready">
      <Heading as="h1" style={headingStyle}>
        {firstName ? `Welcome to DoulaOS, ${firstName}` : 'Welcome to DoulaOS'}
      </Heading>
      <Text style={textStyle}>
        Confirm your email and we will set up your practice: a calm home for your clients, their birth
        timelines, your calendar and your notes.
      </Text>
      <Button href={link} style={buttonStyle}>
        Confirm and open my practice
      </Button>
      <Text style={smallStyle}>
        This link works once and expires in {expiresInMinutes} minutes. If the button does not work, copy this
        address into your browser: <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  )
}

ConfirmSignupEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/auth/confirm?token_hash=pkce_0123456789abcdef&type=signup',
  firstName: 'Amara',
  expiresInMinutes: 10,
} satisfies ConfirmSignupEmailProps
