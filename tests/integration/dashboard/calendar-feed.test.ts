import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveAppointment } from '../../../lib/appointments/appointment.service.ts'
import { createMyFeed, getMyFeed, revokeMyFeed, setMyFeedPrivate } from '../../../lib/calendar/my-feed.service.ts'
import { createClient } from '../../../lib/clients/save-client.service.ts'
import { useAppEnv } from '../../helpers/app-session.ts'
import { superuser } from '../../helpers/stack.ts'
import { clientForm, dayFromToday, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture
let GET: (request: Request, ctx: { params: Promise<{ token: string }> }) => Promise<Response>

const fetchFeed = (token: string) =>
  GET(new Request(`http://127.0.0.1:3000/api/calendar/${token}`), { params: Promise.resolve({ token }) })

/** ICS folds long lines at 75 octets; unfold, then split into events. */
const events = (ics: string) =>
  ics
    .replace(/\r\n[ \t]/g, '')
    .split('BEGIN:VEVENT')
    .slice(1)
    .map((e) => Object.fromEntries(e.split('\r\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)])))

const booking = (clientId: string, doulaId: string, days: number, startTime = '10:00') => ({
  clientId, kind: 'prenatal', date: dayFromToday(days), startTime, endDate: dayFromToday(days), endTime: '11:00', doulaId,
  location: 'Her home', videoUrl: '', sharedWithClient: true, bookAnyway: true,
})

let mine: string
let cancelled: string
let colleagues: string
let otherPractice: string

beforeAll(async () => {
  useAppEnv()
  ;({ GET } = await import('@/app/api/calendar/[token]/route'))
  a = await newPractice(sql, 'Feeds A')
  b = await newPractice(sql, 'Feeds B')
  const jane = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Jane', lastName: 'Doe', dueDate: dayFromToday(20), primaryDoulaId: a.doula.id }))
  const other = await createClient(b.doulaDb, b.settings, clientForm({ firstName: 'Bea', lastName: 'Other', dueDate: dayFromToday(20), primaryDoulaId: b.doula.id }))
  mine = (await saveAppointment(a.doulaDb, a.settings, booking(jane.clientId, a.doula.id, 3))).appointmentId
  cancelled = (await saveAppointment(a.doulaDb, a.settings, booking(jane.clientId, a.doula.id, 4))).appointmentId
  await sql`update public.appointments set status = 'cancelled' where id = ${cancelled}`
  colleagues = (await saveAppointment(a.ownerDb, a.settings, booking(jane.clientId, a.owner.id, 5))).appointmentId
  otherPractice = (await saveAppointment(b.doulaDb, b.settings, booking(other.clientId, b.doula.id, 3))).appointmentId
})
afterAll(() => sql.end())

describe('GET /api/calendar/:token', () => {
  it('serves her own scheduled appointments and on-call window as text/calendar', async () => {
    const { token } = await createMyFeed(a.doulaDb, a.id, a.doula.id, { private: false })
    const response = await fetchFeed(token)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('private, max-age=300')
    const parsed = events(await response.text())
    const uids = parsed.map((e) => e.UID)
    expect(uids).toContain(`${mine}@doulaos.app`)
    expect(uids).not.toContain(`${cancelled}@doulaos.app`)
    expect(uids).not.toContain(`${colleagues}@doulaos.app`)
    expect(uids).not.toContain(`${otherPractice}@doulaos.app`)
    expect(parsed.find((e) => e.UID === `${mine}@doulaos.app`)).toMatchObject({ SUMMARY: 'Prenatal visit with Jane Doe', LOCATION: 'Her home' })
    const onCall = parsed.find((e) => e.SUMMARY?.startsWith('On call'))
    expect(onCall).toMatchObject({ SUMMARY: 'On call · Jane Doe', 'DTSTART;VALUE=DATE': expect.stringMatching(/^\d{8}$/), TRANSP: 'TRANSPARENT' })
    expect(parsed.filter((e) => e.SUMMARY?.startsWith('On call'))).toHaveLength(1)
  })

  it('hides client names and places in a private feed', async () => {
    await setMyFeedPrivate(a.doulaDb, a.id, a.doula.id, { private: true })
    const { token } = await createMyFeed(a.doulaDb, a.id, a.doula.id, { private: true })
    const text = await (await fetchFeed(token)).text()
    expect(text).not.toContain('Jane')
    expect(text).not.toContain('Her home')
    const parsed = events(text)
    expect(parsed.find((e) => e.UID === `${mine}@doulaos.app`)).toMatchObject({ SUMMARY: 'Prenatal visit', CLASS: 'PRIVATE' })
    expect(parsed.some((e) => e.SUMMARY === 'On call')).toBe(true)
  })

  it('answers 404 for a revoked, regenerated or unknown token, and stores only the hash', async () => {
    const first = await createMyFeed(a.doulaDb, a.id, a.doula.id, { private: false })
    const second = await createMyFeed(a.doulaDb, a.id, a.doula.id, { private: false })
    expect((await fetchFeed(first.token)).status).toBe(404)
    expect((await fetchFeed(second.token)).status).toBe(200)
    expect(await sql`select 1 from public.calendar_feeds where token_hash = ${second.token}`).toHaveLength(0)
    await revokeMyFeed(a.doulaDb, a.id, a.doula.id)
    expect((await fetchFeed(second.token)).status).toBe(404)
    expect(await getMyFeed(a.doulaDb, a.id, a.doula.id)).toBeNull()
    expect((await fetchFeed('A'.repeat(43))).status).toBe(404)
    expect((await fetchFeed('not a token')).status).toBe(404)
  })
})

describe('managing a feed', () => {
  it('shows a member only her own feed, and another practice cannot create one in it', async () => {
    await createMyFeed(a.doulaDb, a.id, a.doula.id, { private: false })
    expect(await getMyFeed(a.doulaDb, a.id, a.doula.id)).toMatchObject({ private: false })
    // The owner sees no feed of the doula's, and cannot revoke or change it.
    expect(await getMyFeed(a.ownerDb, a.id, a.doula.id)).toBeNull()
    await revokeMyFeed(a.ownerDb, a.id, a.doula.id)
    await expect(setMyFeedPrivate(a.ownerDb, a.id, a.doula.id, { private: true })).rejects.toMatchObject({ code: 'not_found' })
    expect(await getMyFeed(a.doulaDb, a.id, a.doula.id)).toMatchObject({ private: false })
    await expect(createMyFeed(b.doulaDb, a.id, b.doula.id, { private: false })).rejects.toMatchObject({ code: 'not_found' })
    expect(await sql`select 1 from public.calendar_feeds where practice_id = ${a.id} and member_id = ${b.doula.id}`).toHaveLength(0)
  })
})
