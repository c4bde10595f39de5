import type { Metadata } from 'next'
import { PageHeader } from '@/components/page-header'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { requireDashboardContext } from '@/lib/server/dashboard-context'
import { hasRole, MANAGER_ROLES } from '@/lib/server/membership'
import { listMembers, listPendingInvitations } from '@/lib/team/queries'
import { ROLE_LABELS } from '@/lib/team/team.schema'
import { InvitationActions } from './_components/invitation-actions'
import { InviteForm } from './_components/invite-form'
import { MemberActions } from './_components/member-actions'

export const metadata: Metadata = { title: 'Team' }

const MEMBERS_LIST_ID = 'team-members'

const dateFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })

function expiryLabel(expiresAt: string, now: Date): string {
  const expires = new Date(expiresAt)
  return expires <= now ? 'Expired: resend it to send a new link' : `Valid until ${dateFormat.format(expires)}`
}

export default async function TeamPage() {
  const { active, user, db } = await requireDashboardContext()
  if (!active) return null
  const manager = hasRole(active.role, MANAGER_ROLES)
  // Controls only where the action would succeed: not on her own row, and owners only for an owner.
  const [members, invitations] = await Promise.all([
    listMembers(db, active.practiceId),
    manager ? listPendingInvitations(db, active.practiceId) : Promise.resolve([]),
  ])
  const now = new Date()
  return (
    <>
      <PageHeader title="Team" description={`The people who share ${active.practiceName}, and their role.`} />
      <div className="flex flex-col gap-6">
        {manager ? (
          <Card>
            <CardHeader>
              <CardTitle>Invite a teammate</CardTitle>
              <CardDescription>She gets an email with a sign-in link and joins once she accepts.</CardDescription>
            </CardHeader>
            <CardContent>
              <InviteForm />
            </CardContent>
          </Card>
        ) : null}

        <Card>
          <CardHeader>
            <CardTitle>Members</CardTitle>
            <CardDescription>Owners and admins invite people, change roles and remove members.</CardDescription>
          </CardHeader>
          <CardContent className="p-0 pt-5">
            {/* Where focus lands after a removal: the list stays, with her row gone. */}
            <ul id={MEMBERS_LIST_ID} className="divide-y divide-border border-t border-border focus:outline-none" data-test="team-members">
              {members.map((m) => (
                <li
                  key={m.userId}
                  className="flex flex-col gap-3 px-6 py-4 sm:flex-row sm:items-center sm:justify-between"
                  data-test="team-member"
                >
                  <div className="min-w-0">
                    <p className="font-medium">
                      {m.name}
                      {m.userId === user.id ? <span className="ml-2 text-sm font-normal text-muted-foreground">(you)</span> : null}
                    </p>
                    {/* Someone who has not given her name yet is listed by her email, once. */}
                    {m.email && m.email !== m.name ? <p className="truncate text-sm text-muted-foreground">{m.email}</p> : null}
                  </div>
                  {manager && m.userId !== user.id && (m.role !== 'owner' || active.role === 'owner') ? (
                    <MemberActions
                      userId={m.userId}
                      name={m.name}
                      role={m.role}
                      actorIsOwner={active.role === 'owner'}
                      focusWhenRemoved={MEMBERS_LIST_ID}
                    />
                  ) : (
                    <Badge tone={m.role === 'owner' ? 'accent' : 'neutral'} className="self-start sm:self-center">
                      {ROLE_LABELS[m.role]}
                    </Badge>
                  )}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>

        {manager && invitations.length > 0 ? (
          <Card>
            <CardHeader>
              <CardTitle>Pending invitations</CardTitle>
              <CardDescription>Resending sends a new link; the old one stops working.</CardDescription>
            </CardHeader>
            <CardContent className="p-0 pt-5">
              <ul className="divide-y divide-border border-t border-border" data-test="team-invitations">
                {invitations.map((i) => (
                  <li
                    key={i.id}
                    className="flex flex-col gap-3 px-6 py-4 sm:flex-row sm:items-center sm:justify-between"
                    data-test="team-invitation"
                  >
                    <div className="min-w-0">
                      <p className="truncate font-medium">{i.email}</p>
                      <p className="text-sm text-muted-foreground">
                        {ROLE_LABELS[i.role]} · {expiryLabel(i.expiresAt, now)}
                      </p>
                    </div>
                    <InvitationActions invitationId={i.id} email={i.email} />
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  )
}
