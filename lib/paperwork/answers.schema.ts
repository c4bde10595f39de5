import { z } from 'zod'
import { isCalendarDate } from '@/lib/dates/calendar-date'
import { answerFields, formatAnswer, type AnswerValue, type Answers, type FormField } from './fields'

/**
 * The schema of one sent form's answers, built from its snapshot. The portal's form validates with
 * it (react-hook-form + zodResolver) and the server validates the same input again with it before
 * anything is stored: a draft is checked for shape (the right kind of value, within its size, a
 * choice the form offers, no field it does not have), a submission for everything.
 */
export type AnswerMode = 'draft' | 'submit'

/** How long an answer may be, per kind of field. */
export const ANSWER_LIMITS = { short_text: 500, long_text: 5000, email: 320, phone: 40, number: 40, date: 10 } as const

/** What the form holds while she fills it in: text as typed, choices as lists, consent as a tick. */
export type FormValues = Record<string, string | string[] | boolean>

const PHONE = /^[0-9+()\-.\s]{5,40}$/
const NUMBER = /^-?\d{1,12}([.,]\d{1,4})?$/

function tooLong(max: number) {
  return `Please keep this under ${max.toLocaleString('en-US')} characters.`
}

function textSchema(field: FormField, mode: AnswerMode): z.ZodType<string | number | undefined, unknown> {
  const max = field.type in ANSWER_LIMITS ? ANSWER_LIMITS[field.type as keyof typeof ANSWER_LIMITS] : 500
  const base = z.string('Answer with text.').max(max, tooLong(max))
  if (mode === 'draft') return base.transform((v) => (v === '' ? undefined : v))
  return base
    .trim()
    .superRefine((v, ctx) => {
      if (v === '') {
        if (field.required) ctx.addIssue({ code: 'custom', message: 'Please answer this question.' })
        return
      }
      if (field.type === 'email' && !z.email().safeParse(v).success) ctx.addIssue({ code: 'custom', message: 'Enter an email address, like name@example.com.' })
      if (field.type === 'phone' && !PHONE.test(v)) ctx.addIssue({ code: 'custom', message: 'Enter a phone number: digits, spaces and + ( ) - only.' })
      if (field.type === 'date' && !isCalendarDate(v)) ctx.addIssue({ code: 'custom', message: 'Enter a real date.' })
      if (field.type === 'number' && !NUMBER.test(v)) ctx.addIssue({ code: 'custom', message: 'Enter a number, like 3 or 2.5.' })
    })
    .transform((v) => (v === '' ? undefined : field.type === 'number' ? Number(v.replace(',', '.')) : v))
}

function choiceSchema(field: FormField, mode: AnswerMode) {
  const options = field.options ?? []
  const one = z.string('Choose one of the options.').refine((v) => v === '' || options.includes(v), 'Choose one of the options.')
  return one
    .refine((v) => mode === 'draft' || !field.required || v !== '', 'Please choose one.')
    .transform((v) => (v === '' ? undefined : v))
}

function multipleSchema(field: FormField, mode: AnswerMode) {
  const options = field.options ?? []
  return z
    .array(z.string().refine((v) => options.includes(v), 'Choose from the options.'), 'Choose from the options.')
    .max(options.length, 'Choose from the options.')
    .refine((v) => new Set(v).size === v.length, 'Choose each option once.')
    .refine((v) => mode === 'draft' || !field.required || v.length > 0, 'Please choose at least one.')
    .transform((v) => (v.length === 0 ? undefined : v))
}

function yesNoSchema(field: FormField, mode: AnswerMode) {
  return z
    .enum(['', 'yes', 'no'], 'Answer yes or no.')
    .refine((v) => mode === 'draft' || !field.required || v !== '', 'Please answer yes or no.')
    .transform((v) => (v === '' ? undefined : v))
}

function consentSchema(field: FormField, mode: AnswerMode) {
  return z
    .boolean('Tick the box or leave it.')
    .refine((v) => mode === 'draft' || !field.required || v, 'Please tick this box to continue.')
    .transform((v) => (v ? true : undefined))
}

function fieldSchema(field: FormField, mode: AnswerMode) {
  switch (field.type) {
    case 'single_choice':
      return choiceSchema(field, mode)
    case 'multiple_choice':
      return multipleSchema(field, mode)
    case 'yes_no':
      return yesNoSchema(field, mode)
    case 'consent':
      return consentSchema(field, mode)
    default:
      return textSchema(field, mode)
  }
}

export const UNKNOWN_FIELD_MESSAGE = 'This form does not have that question. Reload the page and try again.'

/**
 * The answers schema of a form. Every answer field is in the object (an empty answer is '' or [] or
 * false), and nothing else is: a field id the form does not have is refused.
 */
export function buildAnswersSchema(fields: readonly FormField[], mode: AnswerMode) {
  const shape: Record<string, z.ZodType> = {}
  // A question left out counts as left empty, so a submission is judged on every question.
  for (const field of answerFields(fields)) shape[field.id] = z.preprocess((v) => (v === undefined ? emptyAnswer(field) : v), fieldSchema(field, mode))
  return z
    .strictObject(shape, {
      error: (issue) => (issue.code === 'unrecognized_keys' ? UNKNOWN_FIELD_MESSAGE : 'Send the answers as a form.'),
    })
    .transform((values) => {
      const stored: Answers = {}
      for (const [id, value] of Object.entries(values)) if (value !== undefined) stored[id] = value as AnswerValue
      return stored
    })
}

function emptyAnswer(field: FormField): string | string[] | boolean {
  return field.type === 'multiple_choice' ? [] : field.type === 'consent' ? false : ''
}

/** The form's starting values: her saved answers, and empty ones for the rest. */
export function formValuesFor(fields: readonly FormField[], answers: Answers): FormValues {
  const values: FormValues = {}
  for (const field of answerFields(fields)) {
    const saved = answers[field.id]
    if (field.type === 'multiple_choice') values[field.id] = Array.isArray(saved) ? saved : []
    else if (field.type === 'consent') values[field.id] = saved === true
    else values[field.id] = saved === undefined || Array.isArray(saved) ? '' : String(saved)
  }
  return values
}

/** Question and answer pairs, in the form's order, as people read them. */
export function answerRows(fields: readonly FormField[], answers: Answers) {
  return fields.map((field) => ({ field, text: field.type === 'heading' ? '' : formatAnswer(field, answers[field.id]) }))
}

/** The answers parsed from what is stored (the column is JSON any writer could have shaped). */
export const StoredAnswersSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
