import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAppointmentsInRange, listClientAppointments } from '../../../lib/appointments/queries.ts'
import { createClient } from '../../../lib/clients/save-client.service.ts'
import { superuser } from '../../helpers/stack.ts'
import { clientForm, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture
let clientOfA: string
const HOUR = 3600_000
const eightWeeks = () => ({ from: new Date(), to: new Date(Date.now() + 56 * 24 * HOUR), doulaId: null, showCancelled: false })

beforeAll(async () => {
  a = await newPractice(sql, 'Agenda A')
  b = await newPractice(sql, 'Agenda B')
  const { clientId, journeyId } = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Agenda', dueDate: '', status: 'active' }))
  clientOfA = clientId
  const at = (hours: number) => new Date(Date.now() + hours * HOUR)
  for (const [hours, kind] of [[50, 'postpartum'], [2, 'prenatal'], [-30, 'consult'], [60 * 24, 'other']] as const) {
    await sql`insert into public.appointments (practice_id, client_id, journey_id, kind, starts_at, ends_at)
              values (${a.id}, ${clientId}, ${journeyId}, ${kind}, ${at(hours)}, ${at(hours + 1)})`
  }
})
afterAll(() => sql.end())

describe('the calendar agenda', () => {
  it('lists a range in order, with the client’s name, and nothing past or beyond', async () => {
    const agenda = await listAppointmentsInRange(a.doulaDb, a.id, eightWeeks())
    expect(agenda.map((x) => x.kind)).toEqual(['prenatal', 'postpartum'])
    expect(agenda.every((x) => x.clientName === 'Agenda Lopez')).toBe(true)
  })

  it('shows a doula of another practice nothing, even with the right practice id', async () => {
    expect(await listAppointmentsInRange(b.doulaDb, a.id, eightWeeks())).toEqual([])
    expect(await listClientAppointments(b.doulaDb, a.id, clientOfA)).toEqual([])
  })

  it('lists one client’s appointments newest first, past ones included', async () => {
    const mine = await listClientAppointments(a.doulaDb, a.id, clientOfA)
    expect(mine.map((x) => x.kind)).toEqual(['other', 'postpartum', 'prenatal', 'consult'])
  })
})
