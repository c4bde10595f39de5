import { z } from 'zod'
import { isCalendarDate } from './calendar-date'

/** An HTML date input's value: '' for none, else a real calendar date. */
export const OptionalDateSchema = z
  .string()
  .trim()
  .refine((v) => v === '' || isCalendarDate(v), 'Enter a real date, like 2027-03-14.')
  .transform((v) => (v === '' ? null : v))
