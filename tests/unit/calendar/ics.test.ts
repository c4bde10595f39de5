import { describe, expect, it } from 'vitest'
import { buildCalendar, type CalendarEntry } from '@/lib/calendar/ics'

const prenatal: CalendarEntry = {
  id: '5b0e6a52-4c1f-4c3e-9d55-1c2b3a4d5e6f',
  kind: 'prenatal',
  status: 'scheduled',
  startsAt: '2026-11-30T15:00:00.000Z',
  endsAt: '2026-11-30T16:30:00.000Z',
  counterpart: 'Jordan Ellis',
  location: '12 Harbor Lane, Portland',
  videoUrl: null,
  updatedAt: '2026-11-24T09:00:00.000Z',
}

/** ICS folds long lines at 75 octets; unfold before asserting on content. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '')

describe('buildCalendar', () => {
  it('writes each appointment as an event in UTC with a stable uid', () => {
    const ics = unfold(buildCalendar([prenatal], { name: 'Maya — DoulaOS', hideClientDetails: false }))
    expect(ics).toContain('BEGIN:VCALENDAR')
    expect(ics).toContain('X-WR-CALNAME:Maya — DoulaOS')
    expect(ics).toContain(`UID:${prenatal.id}@doulaos.app`)
    expect(ics).toContain('DTSTART:20261130T150000Z')
    expect(ics).toContain('DTEND:20261130T163000Z')
    expect(ics).toContain('SUMMARY:Prenatal visit with Jordan Ellis')
    expect(ics).toContain('LOCATION:12 Harbor Lane\\, Portland')
    expect(ics).toContain('STATUS:CONFIRMED')
  })

  it('hides names, places and links in a private feed', () => {
    const ics = unfold(
      buildCalendar([{ ...prenatal, videoUrl: 'https://meet.example/abc' }], { name: 'On call', hideClientDetails: true }),
    )
    expect(ics).toContain('SUMMARY:Prenatal visit')
    expect(ics).not.toContain('Jordan')
    expect(ics).not.toContain('Harbor Lane')
    expect(ics).not.toContain('meet.example')
    expect(ics).toContain('CLASS:PRIVATE')
  })

  it('marks cancelled appointments so subscribed calendars drop them', () => {
    const ics = unfold(buildCalendar([{ ...prenatal, status: 'cancelled' }], { name: 'x', hideClientDetails: false }))
    expect(ics).toContain('STATUS:CANCELLED')
  })

  it('writes an empty but valid calendar when there is nothing to show', () => {
    const ics = buildCalendar([], { name: 'Empty', hideClientDetails: false })
    expect(ics).toContain('BEGIN:VCALENDAR')
    expect(ics).toContain('END:VCALENDAR')
    expect(ics).not.toContain('BEGIN:VEVENT')
  })

  it('writes on-call windows as free all-day events ending the day after the inclusive end', () => {
    const ics = unfold(buildCalendar([], { name: 'Feed', hideClientDetails: false }, [{ uid: 'on-call-1', title: 'On call · Jordan Ellis', start: '2026-12-28', end: '2026-12-31' }]))
    expect(ics).toContain('UID:on-call-1@doulaos.app')
    expect(ics).toContain('DTSTART;VALUE=DATE:20261228')
    expect(ics).toContain('DTEND;VALUE=DATE:20270101')
    expect(ics).toContain('TRANSP:TRANSPARENT')
  })
})
