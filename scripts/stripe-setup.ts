// npm run stripe:setup — creates (or brings up to date) the products and prices of lib/billing/plans.ts,
// idempotently, found by lookup key. With STRIPE_SECRET_KEY set it talks to that Stripe account (test or
// live mode; STRIPE_API_URL may point it at a stand-in); without it, to the local stand-in on its port.
import Stripe from 'stripe'
import { ensureCatalog } from '../lib/billing/catalog.ts'
import { DEFAULT_PORT, LOCAL_STRIPE_SECRET_KEY } from '../supabase/local-stripe/index.ts'

function client(): { stripe: Stripe; where: string } {
  const key = process.env.STRIPE_SECRET_KEY || LOCAL_STRIPE_SECRET_KEY
  const apiUrl = process.env.STRIPE_API_URL || (process.env.STRIPE_SECRET_KEY ? '' : `http://127.0.0.1:${DEFAULT_PORT}`)
  if (!apiUrl) return { stripe: new Stripe(key), where: `Stripe (${key.startsWith('sk_live_') ? 'live' : 'test'} mode)` }
  const url = new URL(apiUrl)
  const protocol = url.protocol === 'https:' ? 'https' : 'http'
  return {
    stripe: new Stripe(key, { host: url.hostname, port: Number(url.port || (protocol === 'https' ? 443 : 80)), protocol }),
    where: `the Stripe stand-in at ${url.origin}`,
  }
}

const { stripe, where } = client()
try {
  const entries = await ensureCatalog(stripe)
  console.log(`Catalog on ${where}:`)
  for (const e of entries) console.log(`  ${e.lookupKey.padEnd(22)} ${e.priceId}${e.created ? '  (created)' : ''}`)
} catch (error) {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`stripe:setup failed against ${where}: ${message}`)
  if (/ECONNREFUSED/.test(message)) console.error('Start the stand-in first (npm run dev or npm run stripe:start), or set STRIPE_SECRET_KEY.')
  process.exit(1)
}
