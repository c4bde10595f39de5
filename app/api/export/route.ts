// GET /api/export?practice=<id> — owners and admins download the whole practice as one streamed zip (audited,
// 5 an hour per user: 429 with Retry-After beyond that).
import { z } from 'zod'
import { AppError } from '@/lib/errors'
import { authorizeExport } from '@/lib/privacy/export/authorize-export'
import { writePracticeExport } from '@/lib/privacy/export/export-practice.service'
import { errorResponse } from '@/lib/privacy/http-status'
import { ZipWriter } from '@/lib/privacy/zip/zip-writer'
import { createAdminClient } from '@/lib/supabase/admin'
import { createClient } from '@/lib/supabase/server'

export const dynamic = 'force-dynamic'
export const maxDuration = 300

export async function GET(request: Request): Promise<Response> {
  try {
    const practiceId = z.uuid().safeParse(new URL(request.url).searchParams.get('practice'))
    if (!practiceId.success) throw new AppError({ code: 'validation', message: 'Choose a practice to export.' })
    const admin = createAdminClient()
    await authorizeExport(await createClient(), admin, practiceId.data)

    // The identity stream's queue is the only buffer: the zip writer awaits each write, so rows and
    // files are fetched only as fast as the browser reads.
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>(
      undefined,
      undefined,
      new ByteLengthQueuingStrategy({ highWaterMark: 1 << 20 }),
    )
    const writer = writable.getWriter()
    const zip = new ZipWriter(async (chunk) => {
      await writer.ready
      await writer.write(chunk)
    })
    void (async () => {
      try {
        await writePracticeExport(zip, { admin, practiceId: practiceId.data })
        await zip.finish()
        await writer.close()
      } catch (error) {
        // A cut-off download must not look complete: abort so the browser reports a failure.
        console.error('[export] failed', error)
        await writer.abort(error).catch(() => undefined)
      }
    })()

    const day = new Date().toISOString().slice(0, 10)
    return new Response(readable, {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="doulaos-export-${day}.zip"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    })
  } catch (error) {
    return errorResponse(error, 'export')
  }
}
