import { addDays, type CalendarDate } from '@/lib/dates/calendar-date'
import { TERM_DAYS } from './gestation'

export const MILESTONE_KINDS = ['prenatal', 'birth', 'postpartum', 'admin', 'custom'] as const
export type MilestoneKind = (typeof MILESTONE_KINDS)[number]

export const MILESTONE_KIND_LABELS: Record<MilestoneKind, string> = {
  prenatal: 'Prenatal',
  birth: 'Birth',
  postpartum: 'Postpartum',
  admin: 'Paperwork',
  custom: 'Other',
}

/** A stored kind; check constraints keep it in the set, so a drift must be loud, not relabelled. */
export function milestoneKind(kind: string): MilestoneKind {
  const known = MILESTONE_KINDS.find((k) => k === kind)
  if (!known) throw new Error(`Unknown milestone kind: ${kind}`)
  return known
}

/**
 * One line of a practice's milestone template. `offsetDays` counts from the due date (negative
 * before it), so one rule places prenatal and postpartum items alike: -28 is 36w0d, 7 a week after.
 */
export interface MilestoneTemplateItem {
  title: string
  kind: MilestoneKind
  offsetDays: number
  sharedWithClient: boolean
}

/** The earliest and latest an item may sit: conception-dated day 0, and a year after the due date. */
export const MIN_OFFSET_DAYS = -TERM_DAYS
export const MAX_OFFSET_DAYS = 365

/** The offset of gestational age `weeks`w `days`d. */
export const offsetForGestation = (weeks: number, days = 0): number => weeks * 7 + days - TERM_DAYS

/**
 * The template a new practice starts with. The database seeds the same list
 * (private.default_milestone_template, migration 20261206120000); a test keeps the two equal.
 */
export const DEFAULT_MILESTONE_TEMPLATE: readonly MilestoneTemplateItem[] = [
  { title: 'Consultation and service agreement', kind: 'admin', offsetDays: offsetForGestation(20), sharedWithClient: false },
  { title: 'First prenatal visit', kind: 'prenatal', offsetDays: offsetForGestation(28), sharedWithClient: false },
  { title: 'Birth preferences drafted', kind: 'prenatal', offsetDays: offsetForGestation(32), sharedWithClient: false },
  { title: 'Second prenatal visit', kind: 'prenatal', offsetDays: offsetForGestation(34), sharedWithClient: false },
  { title: 'Bag packed and car seat installed', kind: 'prenatal', offsetDays: offsetForGestation(36), sharedWithClient: false },
  { title: 'On call begins', kind: 'birth', offsetDays: offsetForGestation(38), sharedWithClient: false },
  { title: 'Estimated due date', kind: 'birth', offsetDays: 0, sharedWithClient: false },
  { title: 'Postpartum visit', kind: 'postpartum', offsetDays: 7, sharedWithClient: false },
  { title: 'Six-week check-in', kind: 'postpartum', offsetDays: 42, sharedWithClient: false },
]

/**
 * The journey's milestones for a due date, in date order (template order breaks ties). Whole
 * calendar days throughout: no time zone or daylight-saving change can move a milestone.
 */
export function planMilestones<T extends MilestoneTemplateItem>(dueDate: CalendarDate, template: readonly T[]): Array<Omit<T, 'offsetDays'> & { dueOn: CalendarDate }> {
  return template
    .map((item, index) => {
      const { offsetDays, ...rest } = item
      return { index, planned: { ...rest, dueOn: addDays(dueDate, offsetDays) } }
    })
    .sort((a, b) => a.planned.dueOn.localeCompare(b.planned.dueOn) || a.index - b.index)
    .map(({ planned }) => planned)
}

/** How settings describe an item's timing: "36 weeks pregnant", "On the due date", "7 days after the due date". */
export function describeOffset(offsetDays: number): string {
  if (offsetDays === 0) return 'On the due date'
  if (offsetDays > 0) return `${offsetDays} ${offsetDays === 1 ? 'day' : 'days'} after the due date`
  const total = offsetDays + TERM_DAYS
  const weeks = Math.floor(total / 7)
  const days = total % 7
  return days === 0 ? `${weeks} weeks pregnant` : `${weeks}w ${days}d pregnant`
}
