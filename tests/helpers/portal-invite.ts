import { createClient } from '@supabase/supabase-js'
import { expect } from 'vitest'
import type { Database } from '@/lib/database.types'
import { PORTAL_JOIN_PATH } from '@/lib/portal/invitation.schema'
import type { Db } from '@/lib/server/db'
import type { MailboxMessage } from './mailbox.ts'
import { stack } from './stack.ts'

/**
 * Follows a portal invitation email as /auth/confirm does (verifyOtp with the link's token hash and
 * type), landing on the accept page: her signed-in client and the page's invitation token.
 */
export async function followInvite(mail: MailboxMessage, siteUrl: string): Promise<{ portal: Db; token: string }> {
  const href = mail.links.find((l) => l.startsWith(`${siteUrl}/auth/confirm`))
  expect(href).toBeDefined()
  const url = new URL(href!)
  const next = new URL(url.searchParams.get('next')!, siteUrl)
  expect(next.pathname).toBe(PORTAL_JOIN_PATH)
  const portal = createClient<Database>(stack().apiUrl, stack().anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
  const { data, error } = await portal.auth.verifyOtp({
    token_hash: url.searchParams.get('token_hash')!,
    type: url.searchParams.get('type') as 'magiclink' | 'signup',
  })
  expect(error).toBeNull()
  expect(data.session).not.toBeNull()
  return { portal, token: next.searchParams.get('token')! }
}
