import { describe, expect, it } from 'vitest'
import { buildAnswersSchema, formValuesFor } from '@/lib/paperwork/answers.schema'
import type { FormField } from '@/lib/paperwork/fields'
import { agreementFormSchema, intakeFormSchema } from '@/lib/paperwork/submit.schema'

const FIELDS: FormField[] = [
  { id: 'intro', type: 'heading', label: 'About you' },
  { id: 'name', type: 'short_text', label: 'Name', required: true },
  { id: 'kids', type: 'number', label: 'Children' },
  { id: 'due', type: 'date', label: 'Due date' },
  { id: 'mail', type: 'email', label: 'Email' },
  { id: 'tel', type: 'phone', label: 'Phone' },
  { id: 'place', type: 'single_choice', label: 'Place', options: ['Home', 'Hospital'], required: true },
  { id: 'wants', type: 'multiple_choice', label: 'Wants', options: ['Music', 'Dim lights'] },
  { id: 'first', type: 'yes_no', label: 'First birth?' },
  { id: 'ok', type: 'consent', label: 'I agree', required: true },
]

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0] ?? 'form'), i.message]))

describe('the answers schema built from a form', () => {
  it('stores a full submission with typed values and leaves empty answers out', () => {
    const values = { ...formValuesFor(FIELDS, {}), name: '  Liv ', kids: '2,5', due: '2027-03-14', place: 'Home', wants: ['Music'], first: 'no', ok: true }
    expect(buildAnswersSchema(FIELDS, 'submit').parse(values)).toEqual({ name: 'Liv', kids: 2.5, due: '2027-03-14', place: 'Home', wants: ['Music'], first: 'no', ok: true })
  })

  it('judges a submission on every question, answered or left out', () => {
    expect(issues(buildAnswersSchema(FIELDS, 'submit').safeParse({ mail: 'nope', tel: 'call me', due: '2027-13-01', kids: 'many' }))).toEqual({
      name: 'Please answer this question.',
      kids: 'Enter a number, like 3 or 2.5.',
      due: 'Enter a real date.',
      mail: 'Enter an email address, like name@example.com.',
      tel: 'Enter a phone number: digits, spaces and + ( ) - only.',
      place: 'Please choose one.',
      ok: 'Please tick this box to continue.',
    })
  })

  it('keeps a draft as typed but still refuses what the form cannot hold', () => {
    const draft = buildAnswersSchema(FIELDS, 'draft')
    expect(draft.parse({ mail: 'liv@exa', name: '' })).toEqual({ mail: 'liv@exa' })
    expect(issues(draft.safeParse({ place: 'Moon', wants: ['Music', 'Music'], intro: 'x' }))).toEqual({
      place: 'Choose one of the options.',
      wants: 'Choose each option once.',
      form: 'This form does not have that question. Reload the page and try again.',
    })
    expect(issues(draft.safeParse({ name: 'x'.repeat(501) }))).toEqual({ name: 'Please keep this under 500 characters.' })
  })
})

describe("her portal forms' schemas", () => {
  /** The first message on each path, as the form shows it. */
  const paths = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => {
    const out: Record<string, string> = {}
    for (const i of result.error?.issues ?? []) out[i.path.join('.')] ??= i.message
    return out
  }

  it('judge an intake form with its answers under `answers`', () => {
    expect(paths(intakeFormSchema(FIELDS).safeParse({ answers: { ...formValuesFor(FIELDS, {}), name: 'Liv', place: 'Moon', ok: true } }))).toEqual({
      'answers.place': 'Choose one of the options.',
    })
  })

  it('judge an agreement’s answers and signature together, so every problem shows at once', () => {
    expect(paths(agreementFormSchema(FIELDS).safeParse({ answers: formValuesFor(FIELDS, {}), typedName: '', signature: '', consent: false }))).toEqual({
      'answers.name': 'Please answer this question.',
      'answers.place': 'Please choose one.',
      'answers.ok': 'Please tick this box to continue.',
      typedName: 'Type your full name.',
      signature: 'Draw your signature in the box.',
      consent: 'Tick the box to agree to sign electronically.',
    })
  })
})
