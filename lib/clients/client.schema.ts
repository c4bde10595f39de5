import { z } from 'zod'
import { isCalendarDate } from '@/lib/dates/calendar-date'
import { OptionalDateSchema } from '@/lib/dates/date.schema'
import { JourneyStatusSchema } from '@/lib/journeys/journey.schema'

/** One client of one practice: how every query names whose records it reads (a person is a separate client in each practice). */
export interface ClientRef {
  practiceId: string
  clientId: string
}

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `Please shorten the ${label} to ${max} characters.`)
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

/** The form's action: with `clientId` it saves that client, without it adds one. */
export const SaveClientSchema = ClientFormSchema.safeExtend({ clientId: z.uuid().optional() })

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
