// GET /portal/appointments/:id/ics — one shared appointment as an .ics file for her calendar.
import { buildCalendar } from '@/lib/calendar/ics'
import { requirePortalContext } from '@/lib/server/portal-context'
import { isUuid } from '@/lib/ids'
import { getAppointment } from '@/lib/portal/queries'

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params
  const { db, active } = await requirePortalContext()
  const appointment = isUuid(id) ? await getAppointment(db, active, id) : null
  if (!appointment) return new Response('Not found', { status: 404 })
  const ics = buildCalendar(
    [
      {
        id: appointment.id,
        kind: appointment.kind,
        status: appointment.status,
        startsAt: appointment.starts_at,
        endsAt: appointment.ends_at,
        counterpart: active.practiceName,
        location: appointment.location,
        videoUrl: appointment.video_url,
        updatedAt: appointment.updated_at,
      },
    ],
    { name: active.practiceName, hideClientDetails: false },
  )
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="appointment.ics"',
      'Cache-Control': 'private, no-store',
    },
  })
}
