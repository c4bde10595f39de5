import { Heading, Text } from '@react-email/components'
import { EmailLayout, headingStyle, textStyle } from './components/email-layout'
import { OneTimeLink } from './components/one-time-link'

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
      <OneTimeLink link={link} label="Confirm and open my practice" expiresInMinutes={expiresInMinutes} />
    </EmailLayout>
  )
}

ConfirmSignupEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/auth/confirm?token_hash=pkce_0123456789abcdef&type=signup',
  firstName: 'Amara',
  expiresInMinutes: 10,
} satisfies ConfirmSignupEmailProps
