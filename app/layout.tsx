import type { Metadata, Viewport } from 'next'
import { connection } from 'next/server'
import type { ReactNode } from 'react'
import { ErrorMonitoring } from '@/components/error-monitoring'
import { sentryDsn } from '@/lib/env'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'DoulaOS — the calm back office for doulas', template: '%s · DoulaOS' },
  description:
    'Clients, pregnancies and on-call windows, your calendar, private notes and a client portal for messages and documents, in one private place.',
  robots: { index: true, follow: true },
}

export const viewport: Viewport = { themeColor: '#faf7f2', width: 'device-width', initialScale: 1 }

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the CSP nonce proxy.ts sets only reaches dynamically rendered HTML.
  await connection()
  return (
    <html lang="en">
      <body className="min-h-dvh">
        {children}
        <ErrorMonitoring dsn={sentryDsn()} />
      </body>
    </html>
  )
}
