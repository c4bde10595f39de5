import { Heading, Text } from '@react-email/components'
import { EmailLayout, headingStyle, textStyle } from './components/email-layout'
import { OneTimeLink } from './components/one-time-link'

export interface EmailChangeEmailProps {
  link: string
  newEmail: string
  /** `new`: sent to the address being added; `current`: sent to the address in use today. */
  recipient: 'new' | 'current'
  expiresInMinutes: number
}

export const emailChangeSubject = {
  new: 'Confirm your new email address for DoulaOS',
  current: 'Confirm the change of your DoulaOS email address',
} as const

const intro = {
  new: 'Confirm that this is the address you want to use to sign in to DoulaOS from now on.',
  current: 'Someone asked to change the address you use to sign in to DoulaOS to',
} as const

export function EmailChangeEmail({ link, newEmail, recipient, expiresInMinutes }: EmailChangeEmailProps) {
  return (
    <EmailLayout preview="Confirm the change of your sign-in email">
      <Heading as="h1" style={headingStyle}>
        Confirm your email change
      </Heading>
      <Text style={textStyle}>
        {recipient === 'current' ? (
          <>
            {intro.current} <strong>{newEmail}</strong>. If that was you, confirm it below. If it was not, do not
            use the link: your address stays as it is.
          </>
        ) : (
          intro.new
        )}
      </Text>
      <OneTimeLink link={link} label="Confirm the change" expiresInMinutes={expiresInMinutes} />
    </EmailLayout>
  )
}

EmailChangeEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/auth/confirm?token_hash=0123456789abcdef&type=email_change',
  newEmail: 'amara@willowbirth.example',
  recipient: 'current',
  expiresInMinutes: 10,
} satisfies EmailChangeEmailProps
