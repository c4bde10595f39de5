import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface DeletionRequestEmailProps {
  link: string
}

/** Names no one: the client is identified only behind the sign-in link. */
export const deletionRequestSubject = 'A client asked you to delete her data'

export function DeletionRequestEmail({ link }: DeletionRequestEmailProps) {
  return (
    <EmailLayout preview="A client asked your practice to delete her data">
      <Heading as="h1" style={headingStyle}>
        A data deletion request
      </Heading>
      <Text style={textStyle}>
        One of your clients asked your practice to delete her data. Sign in to see who, and to erase her record or reply to her.
      </Text>
      <Button href={link} style={buttonStyle}>
        Open the client record
      </Button>
      <Text style={smallStyle}>
        If the button does not work, copy this address into your browser: <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  )
}

DeletionRequestEmail.PreviewProps = { link: 'http://127.0.0.1:3000/dashboard/clients/00000000-0000-4000-8000-000000000000' } satisfies DeletionRequestEmailProps
