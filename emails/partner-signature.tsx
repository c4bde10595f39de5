import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface PartnerSignatureEmailProps {
  link: string
  practiceName: string
}

export const partnerSignatureSubject = (practiceName: string) => `${practiceName} asks you to sign an agreement`

/** The partner has no login: this link is her own, and works for 30 days. */
export function PartnerSignatureEmail({ link, practiceName }: PartnerSignatureEmailProps) {
  return (
    <EmailLayout preview={partnerSignatureSubject(practiceName)}>
      <Heading as="h1" style={headingStyle}>
        An agreement for you to sign
      </Heading>
      <Text style={textStyle}>
        {practiceName} and your partner have signed a doula service agreement, and you are asked to sign it too. The link
        opens the whole agreement; you sign on the same page.
      </Text>
      <Button href={link} style={buttonStyle}>
        Read and sign
      </Button>
      <Text style={smallStyle}>
        This link is yours alone and works for 30 days. If the button does not work, copy this address into your browser:{' '}
        <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  )
}

PartnerSignatureEmail.PreviewProps = {
  link: `http://127.0.0.1:3000/sign/${'0'.repeat(64)}`,
  practiceName: 'Harbor Doula Collective',
} satisfies PartnerSignatureEmailProps
