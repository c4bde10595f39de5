import { z } from 'zod'

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional())

const MAX_AUDIT_ID = 9223372036854775807n
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2}))~([1-9]\d{0,18})$/

/**
 * Keyset cursor: `<occurred_at ISO>~<id>` of the last row shown. Only our own links carry one, so
 * anything else (a mangled timestamp, an id past bigint) is refused before it reaches a query.
 */
export const AuditCursorSchema = z.string().refine((value) => {
  const match = CURSOR.exec(value)
  return match !== null && !Number.isNaN(Date.parse(match[1]!)) && BigInt(match[2]!) <= MAX_AUDIT_ID
}, 'This page of the audit log does not exist.')

/** Filters of the audit log viewer, read from the URL (so a filtered view can be shared and paged). */
export const AuditFiltersSchema = z.object({
  actor: optional(z.uuid()),
  client: optional(z.uuid()),
  action: optional(z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/)),
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  after: optional(AuditCursorSchema),
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
