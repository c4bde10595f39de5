import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface NewInquiryEmailProps {
  link: string
  practiceName: string
}

export const newInquirySubject = (practiceName: string) => `A new inquiry for ${practiceName}`

/** Tells the practice a lead came in through its inquiry page; what she wrote stays in the app. */
export function NewInquiryEmail({ link, practiceName }: NewInquiryEmailProps) {
  return (
    <EmailLayout preview={newInquirySubject(practiceName)}>
      <Heading as="h1" style={headingStyle}>
        A new inquiry
      </Heading>
      <Text style={textStyle}>Someone asked {practiceName} about your services through your inquiry page. Their lead is waiting in your pipeline.</Text>
      <Button href={link} style={buttonStyle}>
        Open the lead
      </Button>
      <Text style={smallStyle}>
        If the button does not work, copy this address into your browser: <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  )
}

NewInquiryEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/dashboard/clients/00000000-0000-4000-8000-000000000000',
  practiceName: 'Harbor Doula Collective',
} satisfies NewInquiryEmailProps
