'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { practiceActionClient } from '@/lib/server/action-client'
import { createAdminClient } from '@/lib/supabase/admin'
import { deletePracticeDocument, setDocumentShared } from './practice-documents'

const DocumentRefSchema = z.object({ clientId: z.uuid(), documentId: z.uuid() })

/** Shares a document with the client, or stops sharing it; any member of the practice may. */
export const setDocumentSharedAction = practiceActionClient
  .inputSchema(DocumentRefSchema.extend({ shared: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    await setDocumentShared(ctx.db, ctx.practice.practiceId, parsedInput.documentId, parsedInput.shared)
    revalidatePath(`/dashboard/clients/${parsedInput.clientId}`)
    return { shared: parsedInput.shared }
  })

/** Deletes any document of a client of the practice (row and file). */
export const deletePracticeDocumentAction = practiceActionClient.inputSchema(DocumentRefSchema).action(async ({ parsedInput, ctx }) => {
  await deletePracticeDocument(ctx.db, createAdminClient(), ctx.practice.practiceId, parsedInput.documentId)
  revalidatePath(`/dashboard/clients/${parsedInput.clientId}`)
  return { deleted: true }
})
