import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCalendar } from '@/lib/calendar/ics'
import { currentDueDate, getAppointment, listAppointments, listSharedMilestones } from '@/lib/portal/queries'
import { clientAs } from '../../helpers/personas.ts'
import { newAppointment, newMilestone } from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'

const sql = superuser()
let world: World

beforeAll(async () => {
  world = await createWorld(sql)
})
afterAll(() => sql.end())

describe('portal home and appointments, read as the client', () => {
  it('shows her shared appointments and milestones and her due date, never unshared ones', async () => {
    const shared = await newAppointment(sql, world.a1, true)
    const hidden = await newAppointment(sql, world.a1, false)
    await sql`update public.appointments set starts_at = now() - interval '3 days', ends_at = now() - interval '3 days' + interval '1 hour' where id = ${hidden}`
    const past = await newAppointment(sql, world.a1, true)
    await sql`update public.appointments set starts_at = now() - interval '2 days', ends_at = now() - interval '2 days' + interval '1 hour' where id = ${past}`
    const sharedMilestone = await newMilestone(sql, world.a1, true)
    await newMilestone(sql, world.a1, false)

    const alma = await clientAs(world.personas.clientA1.user!)
    const almaRef = { practiceId: world.a.id, clientId: world.a1.id }
    const { upcoming, past: earlier } = await listAppointments(alma, almaRef)
    expect(upcoming.map((a) => a.id)).toEqual([shared])
    expect(earlier.map((a) => a.id)).toEqual([past])
    expect((await listSharedMilestones(alma, almaRef)).map((m) => m.id)).toEqual([sharedMilestone])
    const [journey] = await sql<{ due_date: string }[]>`select due_date::text from public.journeys where id = ${world.a1.journeyId}`
    expect(await currentDueDate(alma, almaRef)).toBe(journey!.due_date)

    // Another client asking for Alma's appointment by id gets nothing to put in a calendar file.
    const bea = await clientAs(world.personas.clientA2.user!)
    expect(await getAppointment(bea, almaRef, shared)).toBeNull()
    expect(await getAppointment(alma, almaRef, hidden)).toBeNull()

    const appointment = (await getAppointment(alma, almaRef, shared))!
    const ics = buildCalendar(
      [{ id: appointment.id, kind: appointment.kind, status: appointment.status, startsAt: appointment.starts_at, endsAt: appointment.ends_at, counterpart: 'Practice A', location: null, videoUrl: null, updatedAt: appointment.updated_at }],
      { name: 'Practice A', hideClientDetails: false },
    )
    expect(ics).toContain(`UID:${shared}@doulaos.app`)
    expect(ics).toContain('Prenatal visit with Practice A')
  })
})
