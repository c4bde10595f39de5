import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as AccountService from '@/lib/account/account.service'
import type { Db } from '@/lib/server/db'
import { adminDb, refreshRefusal, signIn, useAppEnv } from '../helpers/app-session.ts'
import { latestMail } from '../helpers/mailbox.ts'
import { createUser, uniqueEmail, type TestUser } from '../helpers/personas.ts'
import { superuser } from '../helpers/stack.ts'

const sql = superuser()
const SITE_URL = 'http://127.0.0.1:3000'
let account: typeof AccountService
beforeAll(async () => {
  useAppEnv({ NEXT_PUBLIC_SITE_URL: SITE_URL })
  account = await import('@/lib/account/account.service')
})
afterAll(() => sql.end())

/** A doula with her practice, signed in as a magic link signs her in. */
async function doula(): Promise<{ user: TestUser; db: Db; refreshToken: string }> {
  const user = await createUser(sql, { fullName: 'Maya Reyes', practiceName: `Account Test ${Date.now()}` })
  const { client, refreshToken } = await signIn(user)
  const { error } = await client.rpc('complete_onboarding')
  expect(error).toBeNull()
  return { user, db: client, refreshToken }
}

describe('her account (issue 19)', () => {
  it('renames her where colleagues read it and in her session, and refuses an empty name', async () => {
    const { user, db } = await doula()
    await expect(account.renameAccount(db, user.id, { fullName: '  ' })).rejects.toMatchObject({
      code: 'validation',
      fields: { fullName: 'Enter your name.' },
    })
    expect(await account.renameAccount(db, user.id, { fullName: '  Maya Reyes-Cole ' })).toEqual({ fullName: 'Maya Reyes-Cole' })
    const [row] = await sql<{ full_name: string; meta: string }[]>`
      select p.full_name, u.raw_user_meta_data ->> 'full_name' as meta
      from public.profiles p join auth.users u on u.id = p.id where p.id = ${user.id}`
    expect(row).toEqual({ full_name: 'Maya Reyes-Cole', meta: 'Maya Reyes-Cole' })
    const { data } = await db.auth.getClaims()
    expect(data?.claims.user_metadata?.full_name).toBe('Maya Reyes-Cole')
  })

  it('changes her sign-in email only once the link sent to the new address is opened', async () => {
    const { user, db } = await doula()
    const deps = { db, admin: adminDb(), siteUrl: SITE_URL }
    await expect(account.requestEmailChange(deps, user, { email: user.email.toUpperCase() })).rejects.toMatchObject({
      fields: { email: 'That is already your sign-in email.' },
    })
    const taken = await createUser(sql, {})
    await expect(account.requestEmailChange(deps, user, { email: taken.email })).rejects.toMatchObject({
      fields: { email: 'Another DoulaOS login already uses this address.' },
    })
    await expect(account.requestEmailChange(deps, user, { email: 'not an address' })).rejects.toMatchObject({ code: 'validation' })

    const next = uniqueEmail('moved')
    expect(await account.requestEmailChange(deps, user, { email: `  ${next.toUpperCase()} ` })).toEqual({ email: next })
    const [pending] = await sql<{ email: string; email_change: string }[]>`select email, email_change from auth.users where id = ${user.id}`
    expect(pending).toEqual({ email: user.email, email_change: next })

    const mail = await latestMail(next)
    const link = new URL(mail.links.find((l) => l.includes('type=email_change'))!)
    const tokenHash = link.searchParams.get('token_hash') ?? link.searchParams.get('token')!
    const { error } = await db.auth.verifyOtp({ token_hash: tokenHash, type: 'email_change' })
    expect(error).toBeNull()
    const [changed] = await sql<{ email: string; profile: string }[]>`
      select u.email, p.email as profile from auth.users u join public.profiles p on p.id = u.id where u.id = ${user.id}`
    expect(changed).toEqual({ email: next, profile: next })
  })

  it('limits email change requests per person', async () => {
    const { user, db } = await doula()
    const deps = { db, admin: adminDb(), siteUrl: SITE_URL }
    await sql`insert into private.rate_limit_hits (subject, action) select ${user.id}, 'account.email_change' from generate_series(1, 5)`
    await expect(account.requestEmailChange(deps, user, { email: uniqueEmail('sixth') })).rejects.toMatchObject({
      code: 'rate_limited',
      message: 'You can make 5 email change requests an hour. Please try again in 60 minutes.',
    })
  })

  it('signs out her other devices and keeps this one', async () => {
    const { user, db, refreshToken } = await doula()
    const other = await signIn(user)
    await account.signOutOtherDevices(db)
    expect(await refreshRefusal(other.refreshToken)).not.toBeNull()
    expect(await refreshRefusal(refreshToken)).toBeNull()
  })
})
