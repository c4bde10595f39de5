import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { clientAs, createUser, uniqueEmail } from '../../helpers/personas.ts'
import { sha256Hex } from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { createClientRecord, createPractice } from '../../helpers/world.ts'

const sql = superuser()
afterAll(() => sql.end())

/** An open invitation of each kind to `email`, found by the hash of the returned token. */
async function invite(kind: 'practice' | 'portal', practiceId: string, email: string): Promise<string> {
  const token = randomUUID()
  if (kind === 'practice') {
    await sql`insert into public.practice_invitations (practice_id, email, role, token_hash)
              values (${practiceId}, ${email}, 'doula', ${sha256Hex(token)})`
  } else {
    const record = await createClientRecord(sql, practiceId, null, 'Ivy')
    await sql`update public.clients set email = ${email} where id = ${record.id}`
    await sql`insert into public.portal_invitations (practice_id, client_id, email, token_hash)
              values (${practiceId}, ${record.id}, ${email}, ${sha256Hex(token)})`
  }
  return token
}

const ACCEPT = { practice: 'accept_practice_invitation', portal: 'accept_portal_invitation' } as const

describe('accepting an invitation: the token and the verified address, judged alike for team and portal', () => {
  for (const kind of ['practice', 'portal'] as const) {
    it(`${kind}: her login with the invited address, in any case, accepts only once it is confirmed`, async () => {
      const practice = await createPractice(sql, await createUser(sql), `Helpers ${kind}`)
      const email = uniqueEmail('invitee')
      const invitee = await createUser(sql, { email: email.toUpperCase() })
      const token = await invite(kind, practice.id, email)
      const db = await clientAs(invitee)

      const empty = await db.rpc(ACCEPT[kind], { token: '' })
      expect(empty.error?.hint).toBe('unknown')

      await sql`update auth.users set email_confirmed_at = null where id = ${invitee.id}`
      const unconfirmed = await db.rpc(ACCEPT[kind], { token })
      expect(unconfirmed.error?.hint).toBe('wrong_account')

      await sql`update auth.users set email_confirmed_at = now() where id = ${invitee.id}`
      const accepted = await db.rpc(ACCEPT[kind], { token })
      expect(accepted.error).toBeNull()
      expect(accepted.data).toBe(practice.id)
    })
  }
})
