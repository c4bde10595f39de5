import { describe, expect, it } from 'vitest'
import { fromOffsetDays, SaveTemplateItemSchema, toOffsetDays, type Timing } from '@/lib/milestones/template.schema'
import { DEFAULT_MILESTONE_TEMPLATE, describeOffset, offsetForGestation, planMilestones, type MilestoneTemplateItem } from '@/lib/pregnancy/milestones'

const item = (title: string, offsetDays: number, sharedWithClient = true): MilestoneTemplateItem => ({ title, kind: 'custom', offsetDays, sharedWithClient })

describe('planning milestones from a template', () => {
  it('places each item its offset in days from the due date, in date order, keeping the shared flag', () => {
    const plan = planMilestones('2027-06-15', [item('Six weeks', 42), item('36 weeks', -28, false), item('Due', 0)])
    expect(plan).toEqual([
      { title: '36 weeks', kind: 'custom', dueOn: '2027-05-18', sharedWithClient: false },
      { title: 'Due', kind: 'custom', dueOn: '2027-06-15', sharedWithClient: true },
      { title: 'Six weeks', kind: 'custom', dueOn: '2027-07-27', sharedWithClient: true },
    ])
  })

  it('keeps template order for items on the same day', () => {
    const plan = planMilestones('2027-06-15', [item('B', 0), item('A', 0), item('C', -1)])
    expect(plan.map((m) => m.title)).toEqual(['C', 'B', 'A'])
  })

  it('counts whole days across daylight-saving changes (US spring forward, EU fall back)', () => {
    // 2027-03-14: clocks in the US go forward; 2026-10-25: Europe falls back.
    expect(planMilestones('2027-03-16', [item('Two days before', -2)])[0]?.dueOn).toBe('2027-03-14')
    expect(planMilestones('2027-03-14', [item('Week after', 7)])[0]?.dueOn).toBe('2027-03-21')
    expect(planMilestones('2026-11-01', [item('36 weeks', offsetForGestation(36))])[0]?.dueOn).toBe('2026-10-04')
    expect(planMilestones('2026-10-24', [item('Next day', 1)])[0]?.dueOn).toBe('2026-10-25')
  })

  it('crosses month ends, leap days and year ends exactly', () => {
    expect(planMilestones('2027-01-31', [item('+1', 1)])[0]?.dueOn).toBe('2027-02-01')
    expect(planMilestones('2028-02-28', [item('+1', 1)])[0]?.dueOn).toBe('2028-02-29')
    expect(planMilestones('2027-02-28', [item('+1', 1)])[0]?.dueOn).toBe('2027-03-01')
    expect(planMilestones('2027-03-31', [item('-31', -31)])[0]?.dueOn).toBe('2027-02-28')
    expect(planMilestones('2026-12-31', [item('Postpartum', 7)])[0]?.dueOn).toBe('2027-01-07')
    expect(planMilestones('2027-01-10', [item('20 weeks', offsetForGestation(20))])[0]?.dueOn).toBe('2026-08-23')
  })

  it('gives the default template its usual dates', () => {
    const plan = planMilestones('2027-01-10', DEFAULT_MILESTONE_TEMPLATE)
    expect(plan.map((m) => [m.title, m.dueOn])).toEqual([
      ['Consultation and service agreement', '2026-08-23'],
      ['First prenatal visit', '2026-10-18'],
      ['Birth preferences drafted', '2026-11-15'],
      ['Second prenatal visit', '2026-11-29'],
      ['Bag packed and car seat installed', '2026-12-13'],
      ['On call begins', '2026-12-27'],
      ['Estimated due date', '2027-01-10'],
      ['Postpartum visit', '2027-01-17'],
      ['Six-week check-in', '2027-02-21'],
    ])
  })

  it('plans nothing from an empty template', () => {
    expect(planMilestones('2027-01-10', [])).toEqual([])
  })
})

describe('template timing in the settings form', () => {
  it('maps every stored offset back to itself', () => {
    for (let offset = -280; offset <= 365; offset++) {
      const { timing, amount } = fromOffsetDays(offset)
      expect(toOffsetDays(timing, amount)).toBe(offset)
      expect(SaveTemplateItemSchema.safeParse({ title: 'x', kind: 'custom', timing, amount, sharedWithClient: true }).success).toBe(true)
    }
  })

  it('states weeks of pregnancy before the due date and days after it', () => {
    expect(fromOffsetDays(-28)).toEqual({ timing: 'weeks_pregnant', amount: 36 })
    expect(fromOffsetDays(-30)).toEqual({ timing: 'days_before_due', amount: 30 })
    expect(fromOffsetDays(0)).toEqual({ timing: 'weeks_pregnant', amount: 40 })
    expect(fromOffsetDays(7)).toEqual({ timing: 'days_after_due', amount: 7 })
    expect(describeOffset(-28)).toBe('36 weeks pregnant')
    expect(describeOffset(-30)).toBe('35w 5d pregnant')
    expect(describeOffset(0)).toBe('On the due date')
    expect(describeOffset(1)).toBe('1 day after the due date')
    expect(describeOffset(42)).toBe('42 days after the due date')
  })

  it('refuses timings outside a pregnancy and its first year, in plain words on the amount', () => {
    const errors = (timing: Timing, amount: unknown) =>
      SaveTemplateItemSchema.safeParse({ title: 'Visit', kind: 'prenatal', timing, amount, sharedWithClient: true }).error?.issues.map((i) => [i.path.join('.'), i.message])
    expect(errors('weeks_pregnant', 41)).toEqual([['amount', 'Enter a week from 1 to 40.']])
    expect(errors('weeks_pregnant', 0)).toEqual([['amount', 'Enter a week from 1 to 40.']])
    expect(errors('days_before_due', 281)).toEqual([['amount', 'Enter a number of days from 1 to 280.']])
    expect(errors('days_after_due', 366)).toEqual([['amount', 'Enter a number of days from 0 to 365.']])
    expect(errors('days_after_due', '2.5')).toEqual([['amount', 'Enter a whole number.']])
    expect(errors('days_after_due', '')).toEqual([['amount', 'Enter a number.']])
    expect(errors('weeks_pregnant', '36')).toBeUndefined()
  })
})
