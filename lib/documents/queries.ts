import 'server-only'
import { z } from 'zod'
import { dbFailure, type Db } from '@/lib/server/db'

export const DocumentSchema = z.object({
  id: z.uuid(),
  file_name: z.string(),
  mime_type: z.string(),
  size_bytes: z.coerce.number(),
  uploaded_by: z.uuid().nullable(),
  created_at: z.string(),
})
export type DocumentItem = z.infer<typeof DocumentSchema>

/** What she sees of her record's documents: RLS returns those shared with her and her own uploads. */
export async function listClientDocuments(db: Db, clientId: string): Promise<DocumentItem[]> {
  const { data, error } = await db
    .from('documents')
    .select('id, file_name, mime_type, size_bytes, uploaded_by, created_at')
    .eq('client_id', clientId)
    .order('created_at', { ascending: false })
    .limit(200)
  if (error) throw dbFailure('load documents', error)
  return DocumentSchema.array().parse(data)
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
