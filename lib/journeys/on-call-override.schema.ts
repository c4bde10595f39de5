import { z } from 'zod'

const week = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d{2}$/.test(v) && Number(v) >= 20 && Number(v) <= 44), 'Enter a week from 20 to 44, or leave it empty.')

/** This journey's own on-call window in pregnancy weeks: both weeks, or neither to use the practice's. */
export const OnCallOverrideSchema = z
  .object({ journeyId: z.uuid(), startWeek: week, endWeek: week })
  .refine((v) => (v.startWeek === '') === (v.endWeek === ''), {
    path: ['endWeek'],
    message: 'Enter both weeks, or leave both empty to use your practice’s window.',
  })
  .refine((v) => v.startWeek === '' || v.endWeek === '' || Number(v.startWeek) <= Number(v.endWeek), {
    path: ['endWeek'],
    message: 'The window must end in or after the week it starts.',
  })
export type OnCallOverrideInput = z.input<typeof OnCallOverrideSchema>
