import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface NewMessageEmailProps {
  link: string
}

/** Says only that a message is waiting: no sender, no excerpt, nothing a lock screen should show. */
export const newMessageSubject = 'You have a new message'

export function NewMessageEmail({ link }: NewMessageEmailProps) {
  return (
    <EmailLayout preview="You have a new message on DoulaOS">
      <Heading as="h1" style={headingStyle}>
        You have a new message
      </Heading>
      <Text style={textStyle}>Sign in to DoulaOS to read it and reply.</Text>
      <Button href={link} style={buttonStyle}>
        Read the message
      </Button>
      <Text style={smallStyle}>
        If the button does not work, copy this address into your browser: <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  )
}

NewMessageEmail.PreviewProps = { link: 'http://127.0.0.1:3000/portal/messages' } satisfies NewMessageEmailProps
