import { Button, Heading, Link, Text } from '@react-email/components'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './components/email-layout'

export interface AppointmentReminderEmailProps {
  link: string
  practiceName: string
  /** The start, already written in the practice's time zone, zone name included. */
  when: string
  audience: 'client' | 'doula'
}

export const appointmentReminderSubject = (practiceName: string) => `Appointment reminder from ${practiceName}`

/** The time and the practice only: no kind, place or client name, nothing a lock screen should show. */
export function AppointmentReminderEmail({ link, practiceName, when, audience }: AppointmentReminderEmailProps) {
  return (
    <EmailLayout preview={`Your appointment is on ${when}`}>
      <Heading as="h1" style={headingStyle}>
        Your appointment is coming up
      </Heading>
      <Text style={textStyle}>
        {audience === 'client'
          ? `Your appointment with ${practiceName} is on ${when}.`
          : `You have a ${practiceName} appointment on ${when}.`}{' '}
        The attached calendar file adds it to your calendar.
      </Text>
      <Button href={link} style={buttonStyle}>
        See the details
      </Button>
      <Text style={smallStyle}>
        {audience === 'client' ? 'You can turn these reminders off in your profile. ' : ''}If the button does not work, copy
        this address into your browser: <Link href={link}>{link}</Link>
      </Text>
    </EmailLayout>
  )
}

AppointmentReminderEmail.PreviewProps = {
  link: 'http://127.0.0.1:3000/portal/appointments',
  practiceName: 'Harbor Doula Collective',
  when: 'Tuesday, March 9, 2027 at 10:00 AM EST',
  audience: 'client',
} satisfies AppointmentReminderEmailProps
