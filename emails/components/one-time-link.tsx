import { Button, Link, Text } from '@react-email/components'
import { buttonStyle, smallStyle } from './email-layout'

/** A sign-in email's call to action: the button, how long its link lasts, and the raw address. */
export function OneTimeLink({ link, label, expiresInMinutes }: { link: string; label: string; expiresInMinutes: number }) {
  return (
    <>
      <Button href={link} style={buttonStyle}>
        {label}
      </Button>
      <Text style={smallStyle}>
        This link works once and expires in {expiresInMinutes} minutes. If the button does not work, copy this
        address into your browser: <Link href={link}>{link}</Link>
      </Text>
    </>
  )
}
