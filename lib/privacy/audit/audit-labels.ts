import type { AuditRow } from './audit-log.schema.ts'
import type { AuditAction } from './record-event.ts'

/** Events the database records on its own (the billing erasure's schedule, reminders and start). */
type DatabaseAuditAction =
  | 'billing.erasure_scheduled'
  | 'billing.erasure_cancelled'
  | 'billing.erasure_reminder_7d'
  | 'billing.erasure_reminder_1d'
  | 'billing.erasure_started'

/** What the audit log says for each event; row changes are named by the record they touched. */
export const AUDIT_ACTION_LABELS = {
  'client.view': "Viewed a client's record",
  'document.download': 'Downloaded a document',
  'form.download': 'Downloaded a form PDF',
  'auth.sign_in': 'Signed in',
  'export.create': "Exported the practice's data",
  'portal.export': 'Downloaded her data from the portal',
  'audit_log.export': 'Exported the audit log',
  'clients.export': 'Exported the client list',
  'appointments.export': 'Exported appointments',
  'account.erase': 'Deleted the practice account',
  'client.erase': "Deleted a client's data",
  'billing.erasure_scheduled': 'Subscription ended: data deletion scheduled',
  'billing.erasure_cancelled': 'Resubscribed: data deletion cancelled',
  'billing.erasure_reminder_7d': 'Reminded: data deleted in 7 days',
  'billing.erasure_reminder_1d': 'Reminded: data deleted tomorrow',
  'billing.erasure_started': 'Data deletion started after the subscription ended',
  insert: 'Added a record',
  update: 'Changed a record',
  delete: 'Deleted a record',
} as const satisfies Record<AuditAction | DatabaseAuditAction | 'insert' | 'update' | 'delete', string>

const ENTITY_LABELS: Record<string, string> = {
  clients: 'Client record',
  journeys: 'Pregnancy',
  milestones: 'Milestone',
  appointments: 'Appointment',
  notes: 'Note',
  messages: 'Message',
  documents: 'Document',
  form_templates: 'Form template',
  form_requests: 'Form',
  form_signatures: 'Signature',
  practice_members: 'Team membership',
  practice_invitations: 'Team invitation',
  portal_invitations: 'Portal invitation',
  practices: 'Practice',
  audit_log: 'Audit log',
  sessions: 'Sign-in',
}

const CHANGE_VERBS: Record<string, string> = { insert: 'added', update: 'changed', delete: 'deleted' }

const entityLabel = (entity: string): string => ENTITY_LABELS[entity] ?? entity.replaceAll('_', ' ')

/** "Appointment added", "Downloaded a document"; an action recorded before it had a label shows as stored. */
export function actionLabel(row: Pick<AuditRow, 'action' | 'entity'>): string {
  const verb = CHANGE_VERBS[row.action]
  if (verb) return `${entityLabel(row.entity)} ${verb}`
  return (AUDIT_ACTION_LABELS as Record<string, string>)[row.action] ?? row.action
}

const ROLE_LABELS: Record<string, string> = { owner: 'Owner', admin: 'Admin', doula: 'Doula', client: 'Client' }

/** Names the practice knows today, by id: its members, its clients, its clients' logins. */
export interface AuditNames {
  /** Member user id → display name and role today (members of this practice only). */
  people: ReadonlyMap<string, { name: string; role: string }>
  /** Client record id → display name (clients of this practice only). */
  clients: ReadonlyMap<string, string>
  /** Portal login id → client record id (clients of this practice only). */
  clientLogins: ReadonlyMap<string, string>
  /** Document or form request id → its client record id. */
  subjectClients: ReadonlyMap<string, string>
}

export interface Who {
  name: string
  /** The role at the time of the event; null for the system. */
  role: string | null
}

/**
 * Who acted, by today's name in this practice. Someone no longer in it (removed, erased) is named
 * by what she was, never looked up anywhere else: another practice's names cannot appear.
 */
export function whoLabel(row: Pick<AuditRow, 'actor_id' | 'actor_role'>, names: AuditNames): Who {
  if (row.actor_role === 'service_role' || row.actor_role === 'system' || !row.actor_id) return { name: 'DoulaOS (automatic)', role: null }
  const role = (r: string) => ROLE_LABELS[r] ?? r
  const member = names.people.get(row.actor_id)
  if (row.actor_role === 'client') {
    const clientId = names.clientLogins.get(row.actor_id)
    const name = clientId ? names.clients.get(clientId) : undefined
    if (name) return { name, role: role('client') }
    // The database calls any signed-in non-member a client: a member's writes while she was
    // joining (creating her practice) are hers, not a client's.
    if (member) return { name: member.name, role: role(member.role) }
    return { name: 'Former client', role: role('client') }
  }
  return { name: member?.name ?? 'Former member', role: role(row.actor_role) }
}

/** The client record an event concerns, when there is one. */
function subjectClientId(row: Pick<AuditRow, 'entity' | 'entity_id'>, names: AuditNames): string | null {
  if (!row.entity_id) return null
  if (row.entity === 'clients') return row.entity_id
  return names.subjectClients.get(row.entity_id) ?? null
}

/** "Document · Alma Reyes"; an erased client is "Erased client", never an id. */
export function subjectLabel(row: Pick<AuditRow, 'entity' | 'entity_id'>, names: AuditNames): { entity: string; client: string | null } {
  const clientId = subjectClientId(row, names)
  return { entity: entityLabel(row.entity), client: clientId ? (names.clients.get(clientId) ?? 'Erased client') : null }
}
