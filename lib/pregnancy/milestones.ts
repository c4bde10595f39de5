import type { CalendarDate } from '@/lib/dates/calendar-date'
import { dateAtGestationalAge, TERM_DAYS } from './gestation'

export type MilestoneKind = 'prenatal' | 'birth' | 'postpartum' | 'admin'

/** One line of a practice's milestone template, placed by gestational age or days after the due date. */
export interface MilestoneTemplateItem {
  title: string
  kind: MilestoneKind
  /** Gestational week (e.g. 36 → 36w0d). Postpartum items use `daysAfterDue` instead. */
  week?: number
  daysAfterDue?: number
  sharedWithClient: boolean
}

export interface PlannedMilestone {
  title: string
  kind: MilestoneKind
  dueOn: CalendarDate
  sharedWithClient: boolean
}

/** The template a new practice starts with; owners edit it in settings. */
export const DEFAULT_MILESTONE_TEMPLATE: MilestoneTemplateItem[] = [
  { title: 'Consultation and service agreement', kind: 'admin', week: 20, sharedWithClient: true },
  { title: 'First prenatal visit', kind: 'prenatal', week: 28, sharedWithClient: true },
  { title: 'Birth preferences drafted', kind: 'prenatal', week: 32, sharedWithClient: true },
  { title: 'Second prenatal visit', kind: 'prenatal', week: 34, sharedWithClient: true },
  { title: 'Bag packed and car seat installed', kind: 'prenatal', week: 36, sharedWithClient: true },
  { title: 'On call begins', kind: 'birth', week: 38, sharedWithClient: true },
  { title: 'Estimated due date', kind: 'birth', week: 40, sharedWithClient: true },
  { title: 'Postpartum visit', kind: 'postpartum', daysAfterDue: 7, sharedWithClient: true },
  { title: 'Six-week check-in', kind: 'postpartum', daysAfterDue: 42, sharedWithClient: true },
]

export function planMilestones(dueDate: CalendarDate, template: MilestoneTemplateItem[]): PlannedMilestone[] {
  return template
    .map((item) => ({
      title: item.title,
      kind: item.kind,
      dueOn: dateAtGestationalAge(dueDate, 0, item.week !== undefined ? item.week * 7 : TERM_DAYS + (item.daysAfterDue ?? 0)),
      sharedWithClient: item.sharedWithClient,
    }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
}
