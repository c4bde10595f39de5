import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface FormCountersignEmailProps {
  link: string
}

/** Names no one: who signed is behind the sign-in link. */
export const formCountersignSubject = 'A client signed an agreement: your countersignature'

export function FormCountersignEmail({ link }: FormCountersignEmailProps) {
  return (
    <EmailLayout preview="A client signed an agreement and it is waiting for your countersignature">
      <Heading as="h1" style={headingStyle}>
        Your countersignature
      </Heading>
      <Text style={textStyle}>One of your clients signed an agreement. Sign in to read it and countersign for your practice.</Text>
      <Button href={link} style={buttonStyle}>
        Open the agreement
      </Button>
      <Text style={smallStyle}>
        If the button does not work, copy this address into your browser: <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  )
}

FormCountersignEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/dashboard/clients/00000000-0000-4000-8000-000000000000/forms/00000000-0000-4000-8000-000000000001',
} satisfies FormCountersignEmailProps
