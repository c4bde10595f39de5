import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppointmentFormInput } from '../../../lib/appointments/appointment.schema.ts'
import { cancelAppointment, saveAppointment } from '../../../lib/appointments/appointment.service.ts'
import { APPOINTMENT_EXPORT_HEADER, exportAppointments } from '../../../lib/appointments/export-appointments.service.ts'
import { AppointmentExportRangeSchema } from '../../../lib/appointments/export.schema.ts'
import { ClientListParamsSchema } from '../../../lib/clients/client.schema.ts'
import { CLIENT_EXPORT_HEADER, exportClients } from '../../../lib/clients/export-clients.service.ts'
import { createClient, setClientArchived } from '../../../lib/clients/save-client.service.ts'
import { getPracticeSettings } from '../../../lib/practice/settings.ts'
import type { CsvValue } from '../../../lib/privacy/csv.ts'
import { csvResponse } from '../../../lib/server/csv-response.ts'
import { listMembers } from '../../../lib/team/queries.ts'
import { superuser } from '../../helpers/stack.ts'
import { clientForm, dayFromToday, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture
let doulaName: string

/** The CSV the route would send for an export, as text split into lines. */
async function csvLines(header: readonly string[], exported: Promise<AsyncIterable<readonly CsvValue[]>>): Promise<string[]> {
  const text = await (await csvResponse(header, await exported, 'test.csv', 'test')).text()
  return text.split('\r\n').slice(0, -1)
}

const params = (input: Record<string, string> = {}) => ClientListParamsSchema.parse(input)

beforeAll(async () => {
  a = await newPractice(sql, 'Export A')
  b = await newPractice(sql, 'Export B')
  await sql`update public.practices set time_zone = 'America/Chicago' where id = ${a.id}`
  a.settings = await getPracticeSettings(a.doulaDb, a.id)
  doulaName = (await listMembers(a.doulaDb, a.id)).find((m) => m.userId === a.doula.id)!.name
})
afterAll(() => sql.end())

describe('client export', () => {
  beforeAll(async () => {
    await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Alma', lastName: 'Booked', status: 'booked', email: 'alma@example.com', primaryDoulaId: a.doula.id }))
    await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Bea', lastName: 'Lead', status: 'lead', email: 'bea@example.com', dueDate: '' }))
    await createClient(a.doulaDb, a.settings, clientForm({ firstName: '=HYPERLINK("http://evil.example")', lastName: '+cmd', preferredName: '@SUM(A1)', phone: '-1', email: '', status: 'lead', dueDate: '' }))
    const { clientId } = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Cleo', lastName: 'Gone', status: 'booked' }))
    await setClientArchived(a.doulaDb, a.id, clientId, true)
    // Enough to need several of the list's 50-row pages.
    for (let i = 0; i < 55; i += 1) await createClient(a.doulaDb, a.settings, clientForm({ firstName: `Many${String(i).padStart(2, '0')}`, lastName: 'Page', status: 'consult', dueDate: '' }))
    await createClient(b.doulaDb, b.settings, clientForm({ firstName: 'Bonnie', lastName: 'OtherPractice', status: 'lead', dueDate: '' }))
  })

  it('lists every client the filters select, across pages, with the header first', async () => {
    const all = await csvLines(CLIENT_EXPORT_HEADER, exportClients(a.doulaDb, a.doula.id, a.id, params()))
    expect(all[0]).toBe(CLIENT_EXPORT_HEADER.join(','))
    expect(all).toHaveLength(1 + 58)
    expect(all.some((l) => l.includes('Cleo'))).toBe(false)
    expect(all.some((l) => l.includes('Bonnie'))).toBe(false)
    expect(all).toContain(`Alma,Booked,,alma@example.com,,Booked,${dayFromToday(60)},${doulaName},,no`)

    const leads = await csvLines(CLIENT_EXPORT_HEADER, exportClients(a.doulaDb, a.doula.id, a.id, params({ status: 'lead' })))
    expect(leads.slice(1).map((l) => l.split(',')[1])).toEqual(["'+cmd", 'Lead'])

    const searched = await csvLines(CLIENT_EXPORT_HEADER, exportClients(a.doulaDb, a.doula.id, a.id, params({ q: 'alma' })))
    expect(searched).toHaveLength(2)

    const archived = await csvLines(CLIENT_EXPORT_HEADER, exportClients(a.doulaDb, a.doula.id, a.id, params({ archived: '1' })))
    expect(archived.slice(1).map((l) => l.split(',')[0])).toEqual(['Cleo'])
  })

  it('neutralises cells a spreadsheet would run as a formula', async () => {
    const leads = await csvLines(CLIENT_EXPORT_HEADER, exportClients(a.doulaDb, a.doula.id, a.id, params({ status: 'lead' })))
    const hostile = leads.find((l) => l.includes('HYPERLINK'))
    expect(hostile).toBe(`"'=HYPERLINK(""http://evil.example"")",'+cmd,'@SUM(A1),,'-1,Lead,,,,no`)
  })

  it("refuses another practice's member before reading anything", async () => {
    await expect(exportClients(b.doulaDb, b.doula.id, a.id, params())).rejects.toMatchObject({ code: 'forbidden' })
    await expect(exportClients(b.ownerDb, b.owner.id, a.id, params())).rejects.toMatchObject({ code: 'forbidden' })
    const own = await csvLines(CLIENT_EXPORT_HEADER, exportClients(b.doulaDb, b.doula.id, b.id, params()))
    expect(own.slice(1).map((l) => l.split(',')[0])).toEqual(['Bonnie'])
  })
})

describe('appointment export', () => {
  let clientA: string
  const day = dayFromToday(20)
  function form(overrides: Partial<AppointmentFormInput>): AppointmentFormInput {
    return {
      clientId: clientA,
      kind: 'prenatal',
      date: day,
      startTime: '10:00',
      endDate: day,
      endTime: '11:00',
      doulaId: a.doula.id,
      location: '',
      videoUrl: '',
      sharedWithClient: true,
      bookAnyway: true,
      ...overrides,
    }
  }

  beforeAll(async () => {
    clientA = (await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Rosa', lastName: 'Diaz', status: 'booked' }))).clientId
    await saveAppointment(a.doulaDb, a.settings, form({ startTime: '23:30', endDate: dayFromToday(21), endTime: '00:30', location: '=cmd|calc' }))
    await saveAppointment(a.doulaDb, a.settings, form({ date: dayFromToday(21), endDate: dayFromToday(21), startTime: '00:15', endTime: '01:00', kind: 'consult' }))
    const { appointmentId } = await saveAppointment(a.doulaDb, a.settings, form({ date: dayFromToday(22), endDate: dayFromToday(22) }))
    await cancelAppointment(a.doulaDb, a.id, { appointmentId })
    await saveAppointment(a.doulaDb, a.settings, form({ date: dayFromToday(19), endDate: dayFromToday(19), startTime: '23:45', endTime: '23:59' }))
  })

  const range = (from: string, to: string) => AppointmentExportRangeSchema.parse({ from, to })

  it('lists what starts on the chosen days in the practice time zone, cancelled too, neutralised', async () => {
    const lines = await csvLines(APPOINTMENT_EXPORT_HEADER, exportAppointments(a.doulaDb, a.doula.id, a.id, range(day, dayFromToday(22))))
    expect(lines).toEqual([
      APPOINTMENT_EXPORT_HEADER.join(','),
      `${day},23:30,${dayFromToday(21)},00:30,America/Chicago,Rosa Diaz,prenatal,scheduled,${doulaName},'=cmd|calc,yes`,
      `${dayFromToday(21)},00:15,${dayFromToday(21)},01:00,America/Chicago,Rosa Diaz,consult,scheduled,${doulaName},,yes`,
      `${dayFromToday(22)},10:00,${dayFromToday(22)},11:00,America/Chicago,Rosa Diaz,prenatal,cancelled,${doulaName},,yes`,
    ])
    const oneDay = await csvLines(APPOINTMENT_EXPORT_HEADER, exportAppointments(a.doulaDb, a.doula.id, a.id, range(day, day)))
    expect(oneDay).toHaveLength(2)
  })

  it("refuses another practice's member, and ranges that are backwards or too long", async () => {
    await expect(exportAppointments(b.doulaDb, b.doula.id, a.id, range(day, day))).rejects.toMatchObject({ code: 'forbidden' })
    expect(AppointmentExportRangeSchema.safeParse({ from: day, to: dayFromToday(19) }).error?.issues[0]?.message).toBe(
      'The end date must be on or after the start date.',
    )
    expect(AppointmentExportRangeSchema.safeParse({ from: day, to: dayFromToday(20 + 366) }).error?.issues[0]?.message).toBe(
      'Export at most 366 days at a time.',
    )
    expect(AppointmentExportRangeSchema.safeParse({ from: '2027-02-30', to: day }).error?.issues[0]?.message).toBe(
      'Enter a real start date, like 2027-03-14.',
    )
  })
})
