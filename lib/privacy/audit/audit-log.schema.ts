import { z } from 'zod'

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional())

/** Filters of the audit log viewer, read from the URL (so a filtered view can be shared and paged). */
export const AuditFiltersSchema = z.object({
  actor: optional(z.uuid()),
  client: optional(z.uuid()),
  action: optional(z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/)),
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  /** Keyset cursor: `<occurred_at ISO>~<id>` of the last row shown. */
  after: optional(z.string().regex(/^[0-9T:.+\-Z ]{10,40}~\d{1,19}$/)),
})
export type AuditFilters = z.infer<typeof AuditFiltersSchema>

export const AuditRowSchema = z.object({
  id: z.coerce.number(),
  occurred_at: z.string(),
  actor_id: z.string().nullable(),
  actor_role: z.string(),
  action: z.string(),
  entity: z.string(),
  entity_id: z.string().nullable(),
  outcome: z.string(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  request_id: z.string().nullable(),
})
export type AuditRow = z.infer<typeof AuditRowSchema>

export const AUDIT_COLUMNS = 'id, occurred_at, actor_id, actor_role, action, entity, entity_id, outcome, ip, user_agent, request_id'

export const cursorOf = (row: AuditRow) => `${row.occurred_at}~${row.id}`
