import 'server-only'
import { z } from 'zod'
import type { ClientRef } from '@/lib/clients/client.schema'
import { dbFailure, notFound, type Db } from '@/lib/server/db'
import { discardStaged } from './staging'
import { completeStagedDocument, removeDocumentObject, type StagedUpload, type UploadResult } from './store'

export const PracticeDocumentSchema = z.object({
  id: z.uuid(),
  file_name: z.string(),
  mime_type: z.string(),
  size_bytes: z.coerce.number(),
  uploaded_by: z.uuid().nullable(),
  shared_with_client: z.boolean(),
  created_at: z.string(),
})
export type PracticeDocument = z.infer<typeof PracticeDocumentSchema>

/** Every document of one client, newest first: her uploads and the practice's, shared or not (members' RLS). */
export async function listPracticeClientDocuments(db: Db, { practiceId, clientId }: ClientRef): Promise<PracticeDocument[]> {
  const { data, error } = await db
    .from('documents')
    .select('id, file_name, mime_type, size_bytes, uploaded_by, shared_with_client, created_at')
    .eq('practice_id', practiceId)
    .eq('client_id', clientId)
    .order('created_at', { ascending: false })
    .order('id')
    .limit(500)
  if (error) throw dbFailure('load her documents', error)
  return PracticeDocumentSchema.array().parse(data)
}

/**
 * Completes a member's upload for one client. The client is looked up through the member's RLS
 * first: a client of another practice (or none) is not found, and what she staged is removed.
 */
export async function completePracticeDocument(
  db: Db,
  admin: Db,
  member: string,
  ref: ClientRef,
  staged: StagedUpload,
  shared: boolean,
): Promise<UploadResult> {
  const { data, error } = await db.from('clients').select('id').eq('id', ref.clientId).eq('practice_id', ref.practiceId).maybeSingle()
  if (error) throw dbFailure('check this client', error)
  if (!data) {
    await discardStaged(admin, member, staged.stagingPath)
    throw notFound('client')
  }
  return completeStagedDocument(admin, ref, member, staged, { shared })
}

/** Shares a document with the client or takes it back; her RLS follows the flag at once (row and object). */
export async function setDocumentShared(db: Db, practiceId: string, documentId: string, shared: boolean): Promise<void> {
  const { data, error } = await db
    .from('documents')
    .update({ shared_with_client: shared })
    .eq('id', documentId)
    .eq('practice_id', practiceId)
    .select('id')
  if (error) throw dbFailure('change who can see this document', error)
  if (data.length === 0) throw notFound('document')
}

/** Deletes any document of the practice's clients: the row through the member's RLS, then its file. */
export async function deletePracticeDocument(db: Db, admin: Db, practiceId: string, documentId: string): Promise<{ clientId: string }> {
  const { data, error } = await db.from('documents').delete().eq('id', documentId).eq('practice_id', practiceId).select('client_id, storage_path')
  if (error) throw dbFailure('delete this document', error)
  const row = data[0]
  if (!row) throw notFound('document')
  await removeDocumentObject(admin, row.storage_path)
  return { clientId: row.client_id }
}
