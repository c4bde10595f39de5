import { z } from 'zod'

/** What a doula is told when she tries to manage the team. */
export const TEAM_MANAGERS_ONLY = 'Only owners and admins can manage the team.'

export const INVITABLE_ROLES = ['admin', 'doula'] as const
export const MEMBER_ROLES = ['owner', 'admin', 'doula'] as const

export const ROLE_LABELS = {
  owner: 'Owner',
  admin: 'Admin',
  doula: 'Doula',
} as const
export const ROLE_DESCRIPTIONS = {
  owner: 'Everything, including billing and deleting the practice.',
  admin: 'Manages the team and the practice settings.',
  doula: 'Works with clients.',
} as const

/** One schema for the invite form and its action. The email is stored the way the table requires. */
export const InviteSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter her email address.')
    .max(320, 'That email address is too long.')
    .pipe(z.email('Enter an email address like ana@example.com.')),
  role: z.enum(INVITABLE_ROLES, 'Choose admin or doula.'),
})
export type InviteInput = z.input<typeof InviteSchema>
export type Invite = z.output<typeof InviteSchema>

export const InvitationTargetSchema = z.object({ invitationId: z.uuid() })

export const ChangeRoleSchema = z.object({
  userId: z.uuid(),
  role: z.enum(MEMBER_ROLES),
})
export type ChangeRole = z.infer<typeof ChangeRoleSchema>

export const RemoveMemberSchema = z.object({ userId: z.uuid() })

/** Why an invitation link cannot be used (accept_practice_invitation's hint); the accept page words each one. */
export type InvitationRefusal = 'unknown' | 'used' | 'expired' | 'wrong_account'

/** The accept page for an invitation token (the email's sign-in link continues there). */
export const joinPath = (token: string) => `/join?token=${encodeURIComponent(token)}`

/** The accept page's token: what the email link carries (base64url, 32 random bytes). */
export const AcceptInvitationSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'This invitation link is incomplete.'),
})

const optionalDoula = z.union([z.literal(''), z.uuid('Choose a doula from your team.')])

/** Primary and backup doula of one journey; '' leaves the slot empty. */
export const AssignDoulasSchema = z
  .object({
    journeyId: z.uuid(),
    primaryDoulaId: optionalDoula,
    backupDoulaId: optionalDoula,
  })
  .refine((v) => v.backupDoulaId === '' || v.backupDoulaId !== v.primaryDoulaId, {
    path: ['backupDoulaId'],
    message: 'The backup doula must be someone other than the primary doula.',
  })
export type AssignDoulasInput = z.input<typeof AssignDoulasSchema>
