import { Heading, Text } from '@react-email/components'
import { EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface DeletionNoticeEmailProps {
  practiceName: string
}

/** Generic on purpose: a subject line is visible on lock screens and must not reveal a doula relationship. */
export const deletionNoticeSubject = 'Your data on DoulaOS was deleted'

/** Tells a portal client her data with one practice is gone. No health data, no record details. */
export function DeletionNoticeEmail({ practiceName }: DeletionNoticeEmailProps) {
  return (
    <EmailLayout preview={`${practiceName} deleted your data on DoulaOS`}>
      <Heading as="h1" style={headingStyle}>
        Your data was deleted
      </Heading>
      <Text style={textStyle}>
        {practiceName} has deleted everything it kept about you on DoulaOS: your records, messages and
        files. Nobody at DoulaOS or at the practice can see them any more.
      </Text>
      <Text style={textStyle}>
        If you used your DoulaOS login only with this practice, it was removed too; otherwise it keeps
        working for the other practices you use it with.
      </Text>
      <Text style={smallStyle}>If you did not expect this, contact your doula directly.</Text>
    </EmailLayout>
  )
}

DeletionNoticeEmail.PreviewProps = {
  practiceName: 'Willow Birth Support',
} satisfies DeletionNoticeEmailProps
