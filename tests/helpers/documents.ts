import { randomUUID } from 'node:crypto'
import type { SupabaseClient } from '@supabase/supabase-js'
import { sniffType, SNIFF_BYTES } from '@/lib/documents/file-type'
import { STAGING_BUCKET } from '@/lib/documents/staging'
import { completeStagedDocument, type StagedUpload, type UploadResult } from '@/lib/documents/store'
import { adminDb } from './app-session.ts'
import { clientAs, type TestUser } from './personas.ts'
import type { Sql } from 'postgres'

/**
 * What her browser does: puts the bytes in her own staging folder with her own session, typed as
 * their first bytes show (a disguised file claims to be a PDF). Throws when Storage refuses.
 */
export async function stage(as: SupabaseClient, practiceId: string, userId: string, bytes: Uint8Array, fileName = 'document.pdf'): Promise<StagedUpload> {
  const stagingPath = `${practiceId}/${userId}/${randomUUID()}`
  const contentType = sniffType(bytes.subarray(0, SNIFF_BYTES)) ?? 'application/pdf'
  const { error } = await as.storage.from(STAGING_BUCKET).upload(stagingPath, bytes, { contentType })
  if (error) throw new Error(`staging refused: ${error.message}`)
  return { stagingPath, fileName, size: bytes.byteLength }
}

/** A document placed as the app places one: staged by `uploader` herself, completed by the server. */
export async function storeAs(
  uploader: TestUser,
  owner: { practiceId: string; clientId: string },
  fileName: string,
  bytes: Uint8Array,
  shared = false,
): Promise<UploadResult> {
  const staged = await stage(await clientAs(uploader), owner.practiceId, uploader.id, bytes, fileName)
  return completeStagedDocument(adminDb(), owner, uploader.id, staged, { shared })
}

/** How many staged objects lie under a prefix. */
export async function stagedCount(sql: Sql, prefix: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from storage.objects where bucket_id = ${STAGING_BUCKET} and starts_with(name, ${prefix})`
  return row!.n
}
