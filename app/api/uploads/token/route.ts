// POST /api/uploads/token — her own access token, for her browser to put one file in her staging folder (lib/documents/staging.ts).
import { AppError } from '@/lib/errors'
import { errorResponse } from '@/lib/server/http'
import { currentAccessToken } from '@/lib/server/session'

export async function POST(): Promise<Response> {
  try {
    const accessToken = await currentAccessToken()
    if (!accessToken) throw new AppError({ code: 'unauthorized', message: 'Please sign in again.' })
    return Response.json({ accessToken }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    return errorResponse(error, 'uploads/token')
  }
}
