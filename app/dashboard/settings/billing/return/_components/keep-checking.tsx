'use client'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

const EVERY_MS = 1500
const GIVE_UP_AFTER_MS = 90_000

/** Re-renders the page (which reads the webhook's record) until the subscription is confirmed. */
export function KeepChecking() {
  const router = useRouter()
  const [slow, setSlow] = useState(false)
  useEffect(() => {
    const started = Date.now()
    const timer = window.setInterval(() => {
      if (Date.now() - started > GIVE_UP_AFTER_MS) {
        window.clearInterval(timer)
        setSlow(true)
        return
      }
      router.refresh()
    }, EVERY_MS)
    return () => window.clearInterval(timer)
  }, [router])
  return slow ? (
    <p className="mt-4 text-sm text-muted-foreground" data-test="checkout-slow">
      This is taking longer than usual. Stripe may still be sending the confirmation: reload this page in a minute, or open Billing.
    </p>
  ) : null
}
