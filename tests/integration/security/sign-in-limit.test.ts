import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { admitSignInRequest, SIGN_IN_MIN_DURATION_MS, SLOWED_SIGN_IN_MIN_DURATION_MS } from '@/lib/auth/sign-in-limit'
import { emailSubject, RATE_LIMITS, RateLimitedError } from '@/lib/security/rate-limit'
import { adminDb, useAppEnv } from '../../helpers/app-session.ts'
import { createUser, uniqueEmail } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'

const sql = superuser()
beforeAll(() => useAppEnv())
afterAll(() => sql.end())

/** What each request for a link to `email` gets: its least duration, or the refusal's message and wait. */
async function requests(email: string, n: number) {
  const outcomes: (number | { refused: string; waitSeconds: number })[] = []
  for (let i = 0; i < n; i++) {
    try {
      outcomes.push(await admitSignInRequest(adminDb(), email))
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error
      outcomes.push({ refused: error.message, waitSeconds: error.retryAfterSeconds })
    }
  }
  return outcomes
}

const usual = SIGN_IN_MIN_DURATION_MS
const slowed = SLOWED_SIGN_IN_MIN_DURATION_MS
const refusedFor15Minutes = {
  refused: 'You can make 6 sign-in link requests for one address every 15 minutes. Please try again in 15 minutes.',
  waitSeconds: expect.toSatisfy((s: number) => s > 890 && s <= 900),
}

describe('repeated sign-in requests for one address (issue 19)', () => {
  it('are slowed after three, then refused with a message saying when, the same for an address with or without a login', async () => {
    const known = (await createUser(sql, { fullName: 'Known Person' })).email
    const unknown = uniqueEmail('nobody')
    const expected = [usual, usual, usual, slowed, slowed, slowed, refusedFor15Minutes, refusedFor15Minutes]
    expect(await requests(known, 8)).toEqual(expected)
    expect(await requests(unknown, 8)).toEqual(expected)
  })

  it('count one address however it is typed, and no other address', async () => {
    const email = uniqueEmail('typed')
    await requests(email, 6)
    expect(await requests(`  ${email.toUpperCase()} `, 1)).toEqual([refusedFor15Minutes])
    expect(await requests(uniqueEmail('neighbour'), 1)).toEqual([usual])
  })

  it('free up as the window slides', async () => {
    const email = uniqueEmail('later')
    const subject = emailSubject(email)
    await sql`
      insert into private.rate_limit_hits (subject, action, hit_at)
      select ${subject}, ${RATE_LIMITS.signInLink.action}, now() - interval '16 minutes' from generate_series(1, 6)`
    expect(await requests(email, 1)).toEqual([usual])
  })
})
