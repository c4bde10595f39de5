import { Button, Heading, Text } from '@react-email/components'
import type { ReactNode } from 'react'
import { buttonStyle, EmailLayout, headingStyle, smallStyle, textStyle } from './email-layout'

/**
 * A practice inviting someone to her private space: the same words in every invitation (which never
 * name a doula relationship in the preview), then the small print about how the link works.
 */
export function PracticeInvitation({ link, practiceName, children }: { link: string; practiceName: string | null; children: ReactNode }) {
  const who = practiceName ?? 'Your doula'
  return (
    <EmailLayout preview={`${who} invited you to a private space on DoulaOS`}>
      <Heading as="h1" style={headingStyle}>
        You are invited
      </Heading>
      <Text style={textStyle}>
        {who} uses DoulaOS to share appointments, documents and messages with you in one private place.
        Accept the invitation to sign in. You will not need a password.
      </Text>
      <Button href={link} style={buttonStyle}>
        Accept invitation
      </Button>
      <Text style={smallStyle}>{children}</Text>
    </EmailLayout>
  )
}
