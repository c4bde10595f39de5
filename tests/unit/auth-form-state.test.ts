import { describe, expect, it } from 'vitest'
import { formFields, LOGIN_FIELDS, SIGNUP_FIELDS, toAuthFormState } from '@/lib/auth/form-state'

describe('sign-in form state', () => {
  it('reads the named text fields of a submission, missing or non-text ones as empty', () => {
    const data = new FormData()
    data.set('email', 'amara@example.com')
    data.set('next', new Blob(['x']))
    data.set('unrelated', 'ignored')
    expect(formFields(data, LOGIN_FIELDS)).toEqual({ email: 'amara@example.com', next: '' })
  })

  it('puts each field’s first message on that field and keeps what was typed', () => {
    const values = { fullName: '', practiceName: 'Willow', email: 'amara@' }
    const state = toAuthFormState(
      { validationErrors: { fullName: { _errors: ['Enter your name.'] }, email: { _errors: ['Enter a valid email address.', 'second'] } } },
      values,
      SIGNUP_FIELDS,
    )
    expect(state).toEqual({
      values,
      fieldErrors: { fullName: 'Enter your name.', email: 'Enter a valid email address.' },
    })
  })

  it('shows a server error for the whole form', () => {
    const state = toAuthFormState({ serverError: 'Too many requests.' }, { email: 'a@b.co', next: '' }, LOGIN_FIELDS)
    expect(state.formError).toBe('Too many requests.')
    expect(state.fieldErrors).toEqual({})
  })
})
