import { z } from 'zod'

/** Why a portal invitation cannot be accepted (accept_portal_invitation's hint); the accept page words each one. */
export const PORTAL_INVITATION_REFUSALS = ['unknown', 'used', 'revoked', 'expired', 'wrong_account', 'linked_elsewhere'] as const
export type PortalInvitationRefusal = (typeof PORTAL_INVITATION_REFUSALS)[number]

/** The page a portal invitation lands on (the email's sign-in link continues there). */
export const PORTAL_JOIN_PATH = '/portal-join'
export const portalJoinPath = (token: string) => `${PORTAL_JOIN_PATH}?token=${encodeURIComponent(token)}`

/** The accept page's token: what the email link carries (base64url, 32 random bytes). */
export const AcceptPortalInvitationSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'This invitation link is incomplete.'),
})
