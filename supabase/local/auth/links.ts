import type { TransactionSql } from 'postgres'
import type { LocalContext } from '../types.ts'
import { sendAuthEmail } from './mail.ts'
import { createFlowState, type PkceParams } from './pkce.ts'
import { checkSendFrequency, newToken, storeToken, type EmailAction } from './tokens.ts'
import { findUserById, type UserRow } from './users.ts'

export interface LinkRequest {
  user: UserRow
  action: EmailAction
  redirectTo: string
  pkce?: PkceParams
  ip: string
  /** Recipient when it is not the user's address (email change goes to the new one). */
  to?: string
}

/** The flow-state method a PKCE exchange reports in `amr`. */
const PKCE_METHOD = {
  signup: 'email/signup',
  invite: 'invite',
  magiclink: 'magiclink',
  recovery: 'recovery',
  email_change: 'email_change',
} as const

/**
 * Issues a one-time token for `action`, stores its hash on the user, records the PKCE flow if
 * any, and sends the email. Enforces max_frequency. Must run in the request's transaction.
 */
export async function sendLink(ctx: LocalContext, tx: TransactionSql, link: LinkRequest) {
  const email = ctx.config.auth.email
  checkSendFrequency(link.user, link.action, email.maxFrequencySeconds)
  const recipient = link.to ?? link.user.email ?? ''
  const token = newToken(recipient, email.otpLength, link.pkce !== undefined)
  await storeToken(tx, link.user.id, link.action, token.hash)
  if (link.pkce) await createFlowState(tx, link.user.id, link.pkce, PKCE_METHOD[link.action])
  const user = (await findUserById(tx, link.user.id)) ?? link.user
  await sendAuthEmail(ctx, tx, {
    user,
    action: link.action,
    otp: token.otp,
    hash: token.hash,
    redirectTo: link.redirectTo,
    to: link.to,
    ip: link.ip,
  })
}
