// POST /api/import/clients — JSON { csv, mapping, commit }: without commit a preview (the guessed or
// given mapping and every row's verdict), with it the import of the valid rows (members). A route,
// not a server action: a 2 MB file is over the actions' body limit. JSON only, so a cross-site form
// cannot post here.
import { z } from 'zod'
import { checkImport, importClients } from '@/lib/clients/import/import-clients.service'
import { MAX_IMPORT_BYTES } from '@/lib/clients/import/import.schema'
import { AppError } from '@/lib/errors'
import { errorResponse } from '@/lib/server/http'
import { requireRouteMember } from '@/lib/server/route-context'

export const dynamic = 'force-dynamic'

/** The file's bytes plus room for the JSON around them (escaped quotes and line breaks). */
const MAX_BODY_BYTES = 2 * MAX_IMPORT_BYTES + 64 * 1024
const tooLarge = () =>
  new AppError({
    code: 'validation',
    message: 'That file is larger than 2 MB. Split it into smaller files.',
  })

export async function POST(request: Request): Promise<Response> {
  try {
    if (!request.headers.get('content-type')?.startsWith('application/json'))
      throw new AppError({
        code: 'validation',
        message: 'Send the file as JSON.',
      })
    if (Number(request.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) throw tooLarge()
    const { db, active } = await requireRouteMember()
    const text = await request.text()
    if (text.length > MAX_BODY_BYTES) throw tooLarge()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new AppError({
        code: 'validation',
        message: 'That request could not be read.',
      })
    }
    const commit = z.object({ commit: z.boolean().default(false) }).safeParse(body)
    if (!commit.success)
      throw new AppError({
        code: 'validation',
        message: 'That request could not be read.',
      })
    const result = commit.data.commit ? await importClients(db, active.settings, body) : { ...(await checkImport(db, active.settings, body)), imported: 0 }
    return Response.json(result, { headers: { 'cache-control': 'no-store' } })
  } catch (error) {
    return errorResponse(error, 'import/clients')
  }
}
