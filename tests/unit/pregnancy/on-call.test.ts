import { describe, expect, it } from 'vitest'
import { checkCapacity, isWithin, onCallWindow, windowsOverlap } from '@/lib/pregnancy/on-call'
import { DEFAULT_MILESTONE_TEMPLATE, planMilestones } from '@/lib/pregnancy/milestones'

describe('on-call window', () => {
  it('runs from 38w0d to 42w0d by default', () => {
    expect(onCallWindow('2027-01-10')).toEqual({ start: '2026-12-27', end: '2027-01-24' })
  })

  it('honours a practice or journey override', () => {
    expect(onCallWindow('2027-01-10', { startWeek: 37, endWeek: 41 })).toEqual({ start: '2026-12-20', end: '2027-01-17' })
  })

  it('refuses a window that ends before it starts', () => {
    expect(() => onCallWindow('2027-01-10', { startWeek: 41, endWeek: 37 })).toThrow(RangeError)
  })

  it('includes both ends', () => {
    const w = onCallWindow('2027-01-10')
    expect(isWithin(w, '2026-12-27')).toBe(true)
    expect(isWithin(w, '2027-01-24')).toBe(true)
    expect(isWithin(w, '2026-12-26')).toBe(false)
    expect(isWithin(w, '2027-01-25')).toBe(false)
  })

  it('detects overlapping windows, touching ends included', () => {
    expect(windowsOverlap(onCallWindow('2027-01-10'), onCallWindow('2027-02-07'))).toBe(true)
    expect(windowsOverlap(onCallWindow('2027-01-10'), onCallWindow('2027-02-08'))).toBe(false)
  })
})

describe('capacity guard', () => {
  const rule = { maxDueDates: 3, windowDays: 14 }
  const booked = [
    { journeyId: 'a', dueDate: '2027-01-01' },
    { journeyId: 'b', dueDate: '2027-01-14' },
    { journeyId: 'c', dueDate: '2027-02-20' },
  ]

  it('lists the booked due dates within the window and allows the rule’s limit', () => {
    const check = checkCapacity('2027-01-08', booked, rule)
    expect(check.nearby.map((b) => b.journeyId)).toEqual(['a', 'b'])
    expect(check.exceeded).toBe(false)
  })

  it('warns when one more due date would break the rule', () => {
    const crowded = [...booked, { journeyId: 'd', dueDate: '2027-01-20' }]
    expect(checkCapacity('2027-01-08', crowded, rule)).toMatchObject({ exceeded: true })
  })

  it('counts the window edges as inside', () => {
    expect(checkCapacity('2027-01-15', [{ journeyId: 'x', dueDate: '2027-01-29' }], { maxDueDates: 1, windowDays: 14 }).exceeded).toBe(true)
    expect(checkCapacity('2027-01-15', [{ journeyId: 'x', dueDate: '2027-01-30' }], { maxDueDates: 1, windowDays: 14 }).exceeded).toBe(false)
  })
})

describe('default milestones', () => {
  it('places each milestone by gestational week or days after the due date, in date order', () => {
    const plan = planMilestones('2027-01-10', DEFAULT_MILESTONE_TEMPLATE)
    expect(plan.find((m) => m.title === 'On call begins')?.dueOn).toBe('2026-12-27')
    expect(plan.find((m) => m.title === 'Estimated due date')?.dueOn).toBe('2027-01-10')
    expect(plan.find((m) => m.title === 'Six-week check-in')?.dueOn).toBe('2027-02-21')
    expect(plan.map((m) => m.dueOn)).toEqual([...plan.map((m) => m.dueOn)].sort())
  })
})
