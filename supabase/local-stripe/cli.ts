// npm run stripe:start — the persistent Stripe stand-in alone, in the foreground (port 54325).
// npm run stripe:advance -- 15d — moves a running stand-in's clock forward (d, h, m, s, w).
// npm run stripe:reset — forgets everything the persistent stand-in holds.
import { rmSync } from 'node:fs'
import {
  DEFAULT_PORT,
  DEFAULT_STATE_FILE,
  LOCAL_STRIPE_SECRET_KEY,
  LOCAL_STRIPE_WEBHOOK_SECRET,
  parseDuration,
  startLocalStripe,
  type LocalStripe,
} from './index.ts'

export function describeStripe(stripe: LocalStripe): string {
  return [
    `      Stripe URL: ${stripe.url}`,
    `      Secret key: ${stripe.secretKey}`,
    `  Webhook secret: ${stripe.webhookSecret ?? '(no app endpoint configured)'}`,
    `    Clock (UTC): ${new Date(stripe.now() * 1000).toISOString()}`,
  ].join('\n')
}

async function advance(arg: string | undefined) {
  if (!arg) throw new Error('Usage: npm run stripe:advance -- <duration>, e.g. 15d, 36h, 90m, 1d12h')
  const seconds = parseDuration(arg)
  const url = process.env.LOCAL_STRIPE_URL ?? `http://127.0.0.1:${DEFAULT_PORT}`
  let res: Response
  try {
    res = await fetch(`${url}/_local/clock/advance`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${LOCAL_STRIPE_SECRET_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ seconds }),
    })
  } catch {
    throw new Error(`No Stripe stand-in answers at ${url}: start one with npm run dev or npm run stripe:start.`)
  }
  const body = (await res.json()) as { from: number; to: number; events: { type: string; created: number; id: string }[]; error?: { message: string } }
  if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`)
  const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z')
  console.log(`Clock moved ${arg}: ${iso(body.from)} → ${iso(body.to)}`)
  if (!body.events.length) console.log('Nothing came due.')
  for (const e of body.events) console.log(`  ${iso(e.created)}  ${e.type}  (${e.id})`)
}

async function main(command: string | undefined, arg: string | undefined) {
  if (command === 'start') {
    const webhookUrl = process.env.LOCAL_STRIPE_WEBHOOK_URL
    const stripe = await startLocalStripe({
      webhookUrl,
      webhookSecret: webhookUrl ? LOCAL_STRIPE_WEBHOOK_SECRET : undefined,
      log: (m) => console.log(`[stripe] ${m}`),
    })
    console.log(`Started the local Stripe stand-in.\n\n${describeStripe(stripe)}`)
    const stop = () => void stripe.stop().finally(() => process.exit(0))
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    return
  }
  if (command === 'advance') return advance(arg)
  if (command === 'reset') {
    rmSync(DEFAULT_STATE_FILE, { force: true })
    console.log(`Removed ${DEFAULT_STATE_FILE}: the next start begins empty.`)
    return
  }
  throw new Error('Usage: tsx supabase/local-stripe/cli.ts start|advance <duration>|reset')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv[2], process.argv[3]).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err))
    process.exit(1)
  })
}
