import { Heading, Text } from '@react-email/components'
import { EmailLayout, emailColors, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface ReauthenticationEmailProps {
  code: string
  expiresInMinutes: number
}

/** The code stays out of the subject: subjects show on lock screens and in notification previews. */
export const reauthenticationSubject = 'Your DoulaOS confirmation code'

const codeStyle = {
  backgroundColor: '#f7f3ee',
  borderRadius: 8,
  color: emailColors.ink,
  fontSize: 28,
  fontWeight: 700,
  letterSpacing: '6px',
  margin: '0 0 16px',
  padding: '14px 0',
  textAlign: 'center',
} as const

export function ReauthenticationEmail({ code, expiresInMinutes }: ReauthenticationEmailProps) {
  return (
    <EmailLayout preview="Your code to confirm it is you">
      <Heading as="h1" style={headingStyle}>
        Confirm it is you
      </Heading>
      <Text style={textStyle}>Enter this code in DoulaOS to confirm a change to your account:</Text>
      <Text style={codeStyle}>{code}</Text>
      <Text style={smallStyle}>
        The code works once and expires in {expiresInMinutes} minutes. Never share it: DoulaOS will not ask you
        for it by phone or email.
      </Text>
    </EmailLayout>
  )
}

ReauthenticationEmail.PreviewProps = { code: '493027', expiresInMinutes: 10 } satisfies ReauthenticationEmailProps
