import { mapToHookFormErrors } from '@next-safe-action/adapter-react-hook-form'
import { get } from 'react-hook-form'
import { describe, expect, it } from 'vitest'
import { toValidationErrors } from '@/lib/server/field-errors'

describe('toValidationErrors', () => {
  it('keeps a plain field name as one field, and nests a dotted one as the values are nested', () => {
    expect(toValidationErrors({ email: 'Taken.', 'answers.phone': 'Enter a phone number.', 'answers.due': 'Enter a real date.' })).toEqual({
      email: { _errors: ['Taken.'] },
      answers: { phone: { _errors: ['Enter a phone number.'] }, due: { _errors: ['Enter a real date.'] } },
    })
  })

  it('gives the react-hook-form adapter what it puts on the field registered under that path', () => {
    const errors = mapToHookFormErrors(toValidationErrors({ 'answers.phone': 'Enter a phone number.', form: 'Reload the page.' }))
    expect(get(errors, 'answers.phone')).toMatchObject({ message: 'Enter a phone number.' })
    expect(get(errors, 'form')).toMatchObject({ message: 'Reload the page.' })
  })
})
