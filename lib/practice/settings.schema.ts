import { z } from 'zod'
import { isListedTimeZone } from './time-zones'

const wholeNumber = (min: number, max: number, message: string) =>
  z.coerce.number<string | number>('Enter a number.').int('Enter a whole number.').min(min, message).max(max, message)

/** Lower-case letters and digits in groups joined by single hyphens (the practices.slug check). */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

export const PracticeSettingsSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter the name of your practice.').max(200, 'Please shorten the name to 200 characters.'),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, 'Choose a short address for your practice.')
      .max(64, 'Please shorten the address to 64 characters.')
      .regex(SLUG, 'Use lowercase letters, numbers and single hyphens, like harbor-doulas.'),
    timeZone: z.string().refine(isListedTimeZone, 'Choose a time zone from the list.'),
    onCallStartWeek: wholeNumber(20, 44, 'Enter a week from 20 to 44.'),
    onCallEndWeek: wholeNumber(20, 44, 'Enter a week from 20 to 44.'),
    capacityMaxDueDates: wholeNumber(1, 100, 'Enter a number from 1 to 100.'),
    capacityWindowDays: wholeNumber(1, 366, 'Enter a number of days from 1 to 366.'),
  })
  .refine((v) => v.onCallStartWeek <= v.onCallEndWeek, {
    path: ['onCallEndWeek'],
    message: 'The on-call window must end in the week it starts or later.',
  })
export type PracticeSettingsInput = z.input<typeof PracticeSettingsSchema>
