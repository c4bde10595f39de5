import 'server-only'
import { z } from 'zod'
import { AppointmentKindSchema, AppointmentStatusSchema } from '@/lib/appointments/appointment.schema'
import { dbFailure, type Db } from '@/lib/server/db'
import type { ClientRef } from '@/lib/clients/client.schema'

/**
 * Everything here reads through her own RLS: only shared appointments and milestones come back.
 * Each query names the practice as well as the client: every index on these tables leads with the
 * practice, so the filter keeps them index scans however many practices there are.
 */

export const PortalAppointmentSchema = z.object({
  id: z.uuid(),
  kind: AppointmentKindSchema,
  status: AppointmentStatusSchema,
  starts_at: z.string(),
  ends_at: z.string(),
  location: z.string().nullable(),
  video_url: z.string().nullable(),
  updated_at: z.string(),
})
export type PortalAppointment = z.infer<typeof PortalAppointmentSchema>

export const MilestoneSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  due_on: z.string().nullable(),
  done_at: z.string().nullable(),
})
export type Milestone = z.infer<typeof MilestoneSchema>

const APPOINTMENT_COLUMNS = 'id, kind, status, starts_at, ends_at, location, video_url, updated_at'

export async function listAppointments(db: Db, her: ClientRef): Promise<{ upcoming: PortalAppointment[]; past: PortalAppointment[] }> {
  const { data, error } = await db
    .from('appointments')
    .select(APPOINTMENT_COLUMNS)
    .eq('practice_id', her.practiceId)
    .eq('client_id', her.clientId)
    .order('starts_at')
    .limit(500)
  if (error) throw dbFailure('load appointments', error)
  const all = PortalAppointmentSchema.array().parse(data)
  const now = Date.now()
  return {
    upcoming: all.filter((a) => Date.parse(a.ends_at) >= now),
    past: all.filter((a) => Date.parse(a.ends_at) < now).reverse(),
  }
}

export async function getAppointment(db: Db, her: ClientRef, id: string): Promise<PortalAppointment | null> {
  const { data, error } = await db
    .from('appointments')
    .select(APPOINTMENT_COLUMNS)
    .eq('practice_id', her.practiceId)
    .eq('client_id', her.clientId)
    .eq('id', id)
    .maybeSingle()
  if (error) throw dbFailure('load the appointment', error)
  return data ? PortalAppointmentSchema.parse(data) : null
}

/** Her current pregnancy: the most recent journey with a due date. */
export async function currentDueDate(db: Db, her: ClientRef): Promise<string | null> {
  const { data, error } = await db
    .from('journeys')
    .select('due_date')
    .eq('practice_id', her.practiceId)
    .eq('client_id', her.clientId)
    .not('due_date', 'is', null)
    .order('created_at', { ascending: false })
    .limit(1)
    .maybeSingle<{ due_date: string }>()
  if (error) throw dbFailure('load the pregnancy', error)
  return data?.due_date ?? null
}

export async function listSharedMilestones(db: Db, her: ClientRef): Promise<Milestone[]> {
  const { data, error } = await db
    .from('milestones')
    .select('id, title, due_on, done_at')
    .eq('practice_id', her.practiceId)
    .eq('client_id', her.clientId)
    .eq('shared_with_client', true)
    .order('due_on', { ascending: true, nullsFirst: false })
    .limit(100)
  if (error) throw dbFailure('load milestones', error)
  return MilestoneSchema.array().parse(data)
}

/**
 * Whether this login is some practice's portal client (her own link, read through her RLS): a
 * doula who is also someone's client gets a way from the dashboard to her portal.
 */
export async function hasPortalRecord(db: Db, userId: string): Promise<boolean> {
  const { count, error } = await db.from('clients').select('id', { count: 'exact', head: true }).eq('portal_user_id', userId)
  if (error) throw dbFailure('check for your client portal', error)
  return (count ?? 0) > 0
}
