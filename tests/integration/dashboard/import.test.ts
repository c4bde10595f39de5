import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkImport, importClients } from '../../../lib/clients/import/import-clients.service.ts'
import { guessMapping, MAX_IMPORT_BYTES } from '../../../lib/clients/import/import.schema.ts'
import { createClient } from '../../../lib/clients/save-client.service.ts'
import type { Db } from '../../../lib/server/db.ts'
import { createUser } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { createClientRecord } from '../../helpers/world.ts'
import { READ_ONLY_MESSAGE } from '../../../lib/billing/write-refusals.ts'
import { setSubscription } from '../billing/fixtures.ts'
import { clientForm, dayFromToday, dbAs, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture

const clientCount = async (practiceId: string) => (await sql<{ n: number }[]>`select count(*)::int as n from public.clients where practice_id = ${practiceId}`)[0]!.n

async function refusal(fn: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await fn()
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message }
  }
  throw new Error('expected a refusal')
}

beforeAll(async () => {
  a = await newPractice(sql, 'Import A')
  b = await newPractice(sql, 'Import B')
  await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Existing', lastName: 'One', email: 'existing@example.com', status: 'lead', dueDate: '' }))
})
afterAll(() => sql.end())

describe('client CSV import', () => {
  it('imports exactly the good rows, with a journey each, and says why the others were skipped', async () => {
    const due = dayFromToday(90)
    const csv = [
      'Full Name,E-mail,Phone,Due Date,Pronouns,Status,Referral source',
      `Ana Good,ana@example.com,555-0101,${due},she/her,booked,Hospital class`,
      `"Bella, Jr. Good",bella@example.com,,,,`,
      `Cara Baddate,cara@example.com,,2027-02-30,,`,
      `Dana Bademail,not-an-email,,,,`,
      `,noname@example.com,,,,`,
      `Ella Dup,ana@example.com,,,,`,
      `Fay Existing,EXISTING@example.com,,,,`,
      `Gia Status,gia@example.com,,,,pending`,
    ].join('\r\n')
    const before = await clientCount(a.id)
    const preview = await checkImport(a.doulaDb, a.settings, { csv, mapping: null })
    expect(preview.mapping).toMatchObject({ fullName: 0, email: 1, phone: 2, dueDate: 3, pronouns: 4, status: 5, leadSource: 6, firstName: null })
    expect(preview.rows.filter((r) => r.row).map((r) => r.name)).toEqual(['Ana Good', 'Bella, Jr. Good'])
    expect(await clientCount(a.id)).toBe(before)

    const result = await importClients(a.doulaDb, a.settings, { csv, mapping: preview.mapping })
    expect(result.imported).toBe(2)
    const skipped = Object.fromEntries(result.rows.filter((r) => !r.row).map((r) => [r.line, r.errors.join(' ')]))
    expect(skipped[4]).toMatch(/real date/)
    expect(skipped[5]).toMatch(/valid email/)
    expect(skipped[6]).toMatch(/first name/)
    expect(skipped[7]).toMatch(/Same email as line 2/)
    expect(skipped[8]).toMatch(/already uses this email/)
    expect(skipped[9]).toMatch(/Unknown status "pending"/)
    expect(Object.keys(skipped)).toHaveLength(6)

    const rows = await sql`
      select c.first_name, c.last_name, c.email, c.phone, c.pronouns, c.lead_source, j.status, j.due_date::text as due,
        (select count(*) from public.milestones m where m.journey_id = j.id)::int as milestones
      from public.clients c join public.journeys j on j.client_id = c.id
      where c.practice_id = ${a.id} and c.email in ('ana@example.com', 'bella@example.com') order by c.first_name`
    expect(rows).toEqual([
      { first_name: 'Ana', last_name: 'Good', email: 'ana@example.com', phone: '555-0101', pronouns: 'she/her', lead_source: 'Hospital class', status: 'booked', due, milestones: expect.any(Number) },
      { first_name: 'Bella,', last_name: 'Jr. Good', email: 'bella@example.com', phone: null, pronouns: null, lead_source: null, status: 'lead', due: null, milestones: 0 },
    ])
    expect(rows[0]!.milestones).toBeGreaterThan(0)
    expect(await clientCount(a.id)).toBe(before + 2)
    expect(await clientCount(b.id)).toBe(0)
  })

  it('reads dates in the chosen order and imports past clients as complete, without a timeline', async () => {
    // A day after the 12th, so read month first the same text is no date at all.
    const soon = [100, 105, 110, 115, 120].map(dayFromToday).find((date) => Number(date.slice(8)) > 12)!
    const [y, m, d] = soon.split('-')
    const dayFirst = `${Number(d)}/${Number(m)}/${y}`
    const past = dayFromToday(-200)
    const pastSpelled = new Date(`${past}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    const csv = [
      'Name,Email,Due,Status',
      `Una Soon,una@example.com,${dayFirst},`,
      `Vera Past,vera@example.com,${pastSpelled},`,
      `Wren Given,wren@example.com,${past.replaceAll('-', '/')},Postpartum`,
      `Xena Ancient,xena@example.com,${dayFromToday(-1200)},`,
      `Yara Garbled,yara@example.com,someday,`,
    ].join('\n')
    const mapping = guessMapping(['Name', 'Email', 'Due', 'Status'])
    const usPreview = await checkImport(a.doulaDb, a.settings, { csv, mapping })
    expect(usPreview.dateOrder).toBe('month-first')
    expect(usPreview.rows[0]?.errors).toEqual([`"${dayFirst}" is not a real date.`])

    const before = await clientCount(a.id)
    const result = await importClients(a.doulaDb, a.settings, { csv, mapping, dateOrder: 'day-first' })
    expect(result.imported).toBe(3)
    expect(result.rows[0]?.dueDate).toMatchObject({ written: dayFirst, note: null })
    expect(result.rows[1]?.dueDate?.note).toBe('A past client: imported as Complete, without a timeline.')
    expect(result.rows[3]?.errors).toEqual([expect.stringMatching(/is more than 3 years ago\. Check the year\.$/)])
    expect(result.rows[4]?.errors).toEqual([expect.stringContaining('"someday" is not a date this import can read')])
    const rows = await sql`
      select c.first_name, j.status, j.due_date::text as due, (select count(*) from public.milestones m where m.journey_id = j.id)::int as milestones
      from public.clients c join public.journeys j on j.client_id = c.id
      where c.practice_id = ${a.id} and c.email in ('una@example.com', 'vera@example.com', 'wren@example.com') order by c.first_name`
    expect(rows.map((r) => ({ ...r, milestones: r.milestones > 0 }))).toEqual([
      { first_name: 'Una', status: 'lead', due: soon, milestones: true },
      { first_name: 'Vera', status: 'complete', due: past, milestones: false },
      { first_name: 'Wren', status: 'postpartum', due: past, milestones: false },
    ])
    expect(await clientCount(a.id)).toBe(before + 3)
  })

  it('re-checks the file on import: a row made a duplicate since the preview is skipped', async () => {
    const csv = 'First name,Last name,Email\nHana,Late,hana@example.com\nIris,Fine,iris@example.com'
    const preview = await checkImport(a.doulaDb, a.settings, { csv, mapping: guessMapping(['First name', 'Last name', 'Email']) })
    expect(preview.rows.every((r) => r.row)).toBe(true)
    await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Hana', email: 'hana@example.com', status: 'lead', dueDate: '' }))
    const result = await importClients(a.doulaDb, a.settings, { csv, mapping: preview.mapping })
    expect(result.imported).toBe(1)
    expect(result.rows.find((r) => r.line === 2)?.errors).toEqual(['A client of your practice already uses this email address.'])
  })

  it('refuses a malformed, empty, oversized or overlong file with a clear message and imports nothing', async () => {
    const before = await clientCount(a.id)
    const cases: [string, RegExp][] = [
      ['Name,Email\n"Unclosed,quote@example.com\nOk Row,ok@example.com', /never closed/],
      ['Name,Email\n"Jo"x,jo@example.com', /text after a closing quote/],
      ['Name,Email\n', /no rows under its header/],
      ['Name,Email\n' + 'x'.repeat(MAX_IMPORT_BYTES), /larger than 2 MB/],
      ['Name,Email\n' + Array.from({ length: 5001 }, (_, i) => `Person ${i},p${i}@example.com`).join('\n'), /5001 rows; at most 5000/],
      ['Email,Phone\nx@example.com,1', /first name or the full name/],
    ]
    for (const [csv, message] of cases) {
      const error = await refusal(() => importClients(a.doulaDb, a.settings, { csv, mapping: null }))
      expect(error.code).toBe('validation')
      expect(error.message).toMatch(message)
    }
    expect(await clientCount(a.id)).toBe(before)
  })

  it('rolls back every row when one fails inside the transaction', async () => {
    const before = await clientCount(a.id)
    const { error } = await a.doulaDb.rpc('import_clients', {
      p_practice_id: a.id,
      p_rows: [
        { first_name: 'Rolled', last_name: 'Back', status: 'lead' },
        { first_name: 'Bad', last_name: 'Status', status: 'not-a-status' },
      ],
    })
    expect(error).not.toBeNull()
    expect(await clientCount(a.id)).toBe(before)
  })

  it('lets no member of another practice and no portal client import into this practice', async () => {
    const before = await clientCount(a.id)
    const rows = [{ first_name: 'Intruder', last_name: 'Row', status: 'lead' }]
    const other = await b.ownerDb.rpc('import_clients', { p_practice_id: a.id, p_rows: rows })
    expect(other.error?.code).toBe('42501')
    await expect(importClients(b.ownerDb, a.settings, { csv: 'Name\nIntruder Row', mapping: null })).rejects.toMatchObject({ code: 'not_found' })

    const portalUser = await createUser(sql, { fullName: 'Portal Client' })
    await createClientRecord(sql, a.id, portalUser, 'Portal')
    const portalDb: Db = await dbAs(portalUser)
    const portal = await portalDb.rpc('import_clients', { p_practice_id: a.id, p_rows: rows })
    expect(portal.error?.code).toBe('42501')
    expect(await clientCount(a.id)).toBe(before + 1)
    expect((await sql`select count(*)::int as n from public.clients where first_name = 'Intruder'`)[0]!.n).toBe(0)
  })

  it('refuses an import into a lapsed practice with the read-only message', async () => {
    const lapsed = await newPractice(sql, 'Import Lapsed')
    await setSubscription(sql, lapsed.id, 'canceled')
    const error = await refusal(() => importClients(lapsed.doulaDb, lapsed.settings, { csv: 'Name\nLate Row', mapping: null }))
    expect(error).toEqual({ code: 'forbidden', message: READ_ONLY_MESSAGE })
    expect(await clientCount(lapsed.id)).toBe(0)
  })
})
