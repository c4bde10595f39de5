import { z } from 'zod'

export const ErasureScopeSchema = z.enum(['practice', 'client'])
export type ErasureScope = z.infer<typeof ErasureScopeSchema>

export const ERASURE_STEPS = ['billing', 'records', 'storage', 'logins', 'notify', 'done'] as const
export const ErasureStepSchema = z.enum(ERASURE_STEPS)
export type ErasureStep = z.infer<typeof ErasureStepSchema>

/** What `public.erasure_inventory` returns: counted before anything is deleted. */
export const ErasureInventorySchema = z.object({
  tables: z.record(z.string(), z.number().int().nonnegative()),
  files: z.number().int().nonnegative(),
  prefix: z.string().regex(/^[0-9a-f-]{36}\/([0-9a-f-]{36}\/)?$/),
  logins: z.array(z.uuid()),
  portal_emails: z.array(z.string()),
})
export type ErasureInventory = z.infer<typeof ErasureInventorySchema>

export const ErasureReceiptSchema = z.object({
  practiceName: z.string(),
  requesterEmail: z.string().nullable(),
  portalEmails: z.array(z.string()),
  prefix: z.string(),
})

export const ErasureJobSchema = z.object({
  id: z.uuid(),
  scope: ErasureScopeSchema,
  practice_id: z.uuid().nullable(),
  client_id: z.uuid().nullable(),
  requested_by: z.uuid().nullable(),
  step: ErasureStepSchema,
  counts: z.record(z.string(), z.number()),
  files_total: z.number().int(),
  files_removed: z.number().int(),
  logins: z.array(z.uuid()),
  logins_removed: z.number().int(),
  receipt: z.union([ErasureReceiptSchema, z.object({}).strict()]),
  billing: z.enum(['no billing', 'cancelled']).nullable(),
  attempts: z.number().int(),
  completed_at: z.string().nullable(),
})
export type ErasureJob = z.infer<typeof ErasureJobSchema>

/** What a job may record as it runs; the ledger refuses changes to what was fixed when it opened. */
export type ErasureJobPatch = Partial<
  Pick<ErasureJob, 'step' | 'billing' | 'files_removed' | 'logins_removed' | 'attempts' | 'completed_at' | 'practice_id' | 'client_id' | 'receipt'>
> & { last_error?: string | null }

/** Danger zone form: the practice name typed by hand. */
export const DeleteAccountSchema = z.object({
  practiceName: z.string().trim().min(1, 'Type the practice name to confirm'),
})
export type DeleteAccount = z.infer<typeof DeleteAccountSchema>

export const DeleteClientSchema = z.object({
  clientId: z.uuid(),
  confirmName: z.string().trim().min(1, "Type the client's name to confirm"),
})
export type DeleteClient = z.infer<typeof DeleteClientSchema>
