import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface FormRequestEmailProps {
  link: string
  practiceName: string
  kind: 'intake' | 'agreement'
  /** "March 14, 2027", when the practice asked for it by a date. */
  dueOn: string | null
  /** A reminder of a form she has not finished yet. */
  reminder: boolean
}

/**
 * Names the practice (its brand) and whether it is a form or an agreement, never the form's title,
 * a question or an answer: lock screens and shared inboxes show emails.
 */
export function formRequestSubject({ practiceName, kind, reminder }: Pick<FormRequestEmailProps, 'practiceName' | 'kind' | 'reminder'>) {
  const what = kind === 'agreement' ? 'an agreement to sign' : 'a form to fill in'
  return reminder ? `Reminder: ${practiceName} is waiting for ${what}` : `${practiceName} sent you ${what}`
}

export function FormRequestEmail({ link, practiceName, kind, dueOn, reminder }: FormRequestEmailProps) {
  const what = kind === 'agreement' ? 'an agreement to read and sign' : 'a form to fill in'
  return (
    <EmailLayout preview={formRequestSubject({ practiceName, kind, reminder })}>
      <Heading as="h1" style={headingStyle}>
        {reminder ? 'A gentle reminder' : kind === 'agreement' ? 'An agreement to sign' : 'A form for you'}
      </Heading>
      <Text style={textStyle}>
        {reminder ? `${practiceName} is still waiting for ${what} in your DoulaOS portal.` : `${practiceName} sent you ${what} in your DoulaOS portal.`}{' '}
        {dueOn ? `They would like it back by ${dueOn}.` : ''}
      </Text>
      <Text style={textStyle}>Your answers are saved as you go, so you can stop and come back at any time.</Text>
      <Button href={link} style={buttonStyle}>
        {kind === 'agreement' ? 'Read and sign' : 'Open the form'}
      </Button>
      <Text style={smallStyle}>
        You will be asked to sign in first. If the button does not work, copy this address into your browser: <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  )
}

FormRequestEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/portal/forms/00000000-0000-4000-8000-000000000000',
  practiceName: 'Harbor Doula Collective',
  kind: 'intake',
  dueOn: 'March 14, 2027',
  reminder: false,
} satisfies FormRequestEmailProps
