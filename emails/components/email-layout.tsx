import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components'
import type { ReactNode } from 'react'

export const emailColors = {
  page: '#f7f3ee',
  card: '#ffffff',
  ink: '#2b2521',
  muted: '#6b5f57',
  accent: '#9a4a3a',
  line: '#e8dfd6',
} as const

const font =
  "'Inter', -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

/** The frame every DoulaOS email shares. Invariant: nothing here may carry client health data. */
export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: emailColors.page, fontFamily: font, margin: 0, padding: '32px 12px' }}>
        <Container
          style={{
            backgroundColor: emailColors.card,
            border: `1px solid ${emailColors.line}`,
            borderRadius: 12,
            maxWidth: 520,
            padding: '32px 32px 24px',
          }}
        >
          <Text style={{ color: emailColors.accent, fontSize: 18, fontWeight: 700, margin: '0 0 24px' }}>DoulaOS</Text>
          {children}
          <Hr style={{ borderColor: emailColors.line, margin: '28px 0 16px' }} />
          <Section>
            <Text style={{ color: emailColors.muted, fontSize: 12, lineHeight: '18px', margin: 0 }}>
              You are receiving this because someone entered this address on DoulaOS. If that was not you,
              you can ignore this email: nothing happens unless the link is used.
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  )
}

export const textStyle = { color: emailColors.ink, fontSize: 15, lineHeight: '24px', margin: '0 0 16px' } as const
export const headingStyle = { color: emailColors.ink, fontSize: 22, lineHeight: '30px', margin: '0 0 16px' } as const
export const buttonStyle = {
  backgroundColor: emailColors.accent,
  borderRadius: 8,
  color: '#ffffff',
  display: 'inline-block',
  fontSize: 15,
  fontWeight: 600,
  padding: '12px 22px',
  textDecoration: 'none',
} as const
export const smallStyle = { color: emailColors.muted, fontSize: 13, lineHeight: '20px', margin: '16px 0 0' } as const
