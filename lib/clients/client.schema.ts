import { z } from 'zod'
import { isCalendarDate } from '@/lib/dates/calendar-date'

/** One client of one practice: how every query names whose records it reads (a person is a separate client in each practice). */
export interface ClientRef {
  practiceId: string
  clientId: string
}

export const JOURNEY_STATUSES = ['lead', 'consult', 'booked', 'active', 'postpartum', 'complete', 'archived'] as const
export const JourneyStatusSchema = z.enum(JOURNEY_STATUSES)
export type JourneyStatus = z.infer<typeof JourneyStatusSchema>

export const JOURNEY_STATUS_LABELS: Record<JourneyStatus, string> = {
  lead: 'Lead',
  consult: 'Consult',
  booked: 'Booked',
  active: 'Active',
  postpartum: 'Postpartum',
  complete: 'Complete',
  archived: 'Archived',
}

/** The open stages of a journey, in order: the columns of the pipeline board and of Today's count. */
export const PIPELINE_STATUSES = ['lead', 'consult', 'booked', 'active', 'postpartum'] as const satisfies readonly JourneyStatus[]

/** Where a card on the board can go: any open stage, or complete (which takes it off the board). */
export const MoveJourneySchema = z.object({
  journeyId: z.uuid(),
  status: z.enum([...PIPELINE_STATUSES, 'complete'], 'Choose a stage.'),
})
export type MoveJourneyInput = z.input<typeof MoveJourneySchema>

/** Journeys that hold a place in the practice's calendar and count against its capacity rule. */
export const BOOKED_STATUSES: readonly JourneyStatus[] = ['booked', 'active']

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `Please shorten the ${label} to ${max} characters.`)
    .transform((v) => (v === '' ? null : v))

/** An HTML date input's value: '' for none, else a real calendar date. */
export const OptionalDateSchema = z
  .string()
  .trim()
  .refine((v) => v === '' || isCalendarDate(v), 'Enter a real date, like 2027-03-14.')
  .transform((v) => (v === '' ? null : v))

const optionalMember = z
  .string()
  .trim()
  .refine((v) => v === '' || z.uuid().safeParse(v).success, 'Choose a doula from the list.')
  .transform((v) => (v === '' ? null : v))

/** One schema for the client form and its actions (create and edit). */
export const ClientFormSchema = z
  .object({
    firstName: z.string().trim().min(1, 'Enter her first name.').max(100, 'Please shorten the first name to 100 characters.'),
    lastName: z.string().trim().max(100, 'Please shorten the last name to 100 characters.'),
    preferredName: optionalText(100, 'preferred name'),
    pronouns: optionalText(40, 'pronouns'),
    email: z
      .string()
      .trim()
      .max(254, 'That email address is too long.')
      .refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a valid email address, like name@example.com.')
      .transform((v) => (v === '' ? null : v.toLowerCase())),
    phone: optionalText(40, 'phone number'),
    dueDate: OptionalDateSchema,
    status: JourneyStatusSchema,
    primaryDoulaId: optionalMember,
    backupDoulaId: optionalMember,
    /** Set once the doula has seen the capacity warning and chosen to book anyway. */
    acceptCapacityWarning: z.boolean(),
  })
  .refine((v) => v.primaryDoulaId === null || v.primaryDoulaId !== v.backupDoulaId, {
    path: ['backupDoulaId'],
    message: 'The backup doula must be someone other than the primary doula.',
  })
export type ClientFormInput = z.input<typeof ClientFormSchema>
export type ClientForm = z.output<typeof ClientFormSchema>

export const UpdateClientSchema = ClientFormSchema.safeExtend({ clientId: z.uuid() })
export type UpdateClientInput = z.input<typeof UpdateClientSchema>

export const ClientIdSchema = z.object({ clientId: z.uuid() })

export const ArchiveClientSchema = z.object({ clientId: z.uuid(), archived: z.boolean() })

export const CLIENT_SORTS = ['name', 'due_date'] as const
export const ClientSortSchema = z.enum(CLIENT_SORTS)

/** The list's URL search params; anything unparseable falls back to the default rather than failing the page. */
export const ClientListParamsSchema = z.object({
  q: z.string().trim().max(100).catch(''),
  status: JourneyStatusSchema.optional().catch(undefined),
  doula: z.uuid().optional().catch(undefined),
  due: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  sort: ClientSortSchema.catch('name'),
  archived: z
    .enum(['1'])
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
  after: z.string().max(300).optional().catch(undefined),
})
export type ClientListParams = z.output<typeof ClientListParamsSchema>

export const CapacityCheckSchema = z.object({
  dueDate: z.string().refine(isCalendarDate, 'Enter a real date.'),
  journeyId: z.uuid().optional(),
})
