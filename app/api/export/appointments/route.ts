// GET /api/export/appointments?practice=<id>&from=YYYY-MM-DD&to=YYYY-MM-DD — appointments starting on those days as CSV (members).
import { AppointmentExportRangeSchema } from '@/lib/appointments/export.schema'
import { APPOINTMENT_EXPORT_HEADER, exportAppointments } from '@/lib/appointments/export-appointments.service'
import { AppError } from '@/lib/errors'
import { recordAuditEvent } from '@/lib/privacy/audit/record-event'
import { requestMetaFrom } from '@/lib/security/client-ip'
import { csvResponse } from '@/lib/server/csv-response'
import { exportRequest } from '@/lib/server/export-request'
import { errorResponse } from '@/lib/server/http'
import { requireRouteUser } from '@/lib/server/route-context'
import { createAdminClient } from '@/lib/supabase/admin'

export const dynamic = 'force-dynamic'

export async function GET(request: Request): Promise<Response> {
  try {
    const { params, practiceId } = exportRequest(request)
    const range = AppointmentExportRangeSchema.safeParse(params)
    if (!range.success) throw new AppError({ code: 'validation', message: range.error.issues[0]?.message ?? 'Check the dates and try again.' })
    const { user, db } = await requireRouteUser()
    const rows = await exportAppointments(db, user.id, practiceId, range.data)
    await recordAuditEvent(
      createAdminClient(),
      { practiceId, actorId: user.id, action: 'appointments.export', entity: 'appointments' },
      requestMetaFrom(request.headers),
    )
    return await csvResponse(
      APPOINTMENT_EXPORT_HEADER,
      rows,
      `appointments-${range.data.from}-to-${range.data.to}.csv`,
      'export/appointments',
    )
  } catch (error) {
    return errorResponse(error, 'export/appointments')
  }
}
