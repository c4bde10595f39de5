import { Heading, Link, Text } from '@react-email/components'
import { EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface InquiryReceivedEmailProps {
  link: string
  practiceName: string
}

export const inquiryReceivedSubject = (practiceName: string) => `${practiceName} received your inquiry`

/** A short confirmation to the person who asked, in the practice's name; it repeats none of her answers. */
export function InquiryReceivedEmail({ link, practiceName }: InquiryReceivedEmailProps) {
  return (
    <EmailLayout preview={inquiryReceivedSubject(practiceName)}>
      <Heading as="h1" style={headingStyle}>
        Thank you for reaching out
      </Heading>
      <Text style={textStyle}>{practiceName} received your inquiry and will get back to you soon.</Text>
      <Text style={smallStyle}>
        You are receiving this because this address was entered on {practiceName}&apos;s inquiry page: <Link href={link}>{link}</Link>. If
        that was not you, you can ignore this email.
      </Text>
    </EmailLayout>
  )
}

InquiryReceivedEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/p/harbor-doulas',
  practiceName: 'Harbor Doula Collective',
} satisfies InquiryReceivedEmailProps
