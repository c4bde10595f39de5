import { describe, expect, it } from 'vitest'
import { AppointmentFormSchema, ConflictQuerySchema, type AppointmentFormInput } from '@/lib/appointments/appointment.schema'

const base: AppointmentFormInput = {
  clientId: '5b0e6a52-4c1f-4c3e-9d55-1c2b3a4d5e6f',
  kind: 'birth',
  date: '2026-12-01',
  startTime: '22:00',
  endDate: '2026-12-02',
  endTime: '04:00',
  doulaId: '',
  location: '',
  videoUrl: '',
  sharedWithClient: false,
  bookAnyway: false,
}

/** Each field's first message, as the form shows them. */
function errorsOf(input: unknown): Record<string, string> {
  const result = AppointmentFormSchema.safeParse(input)
  if (result.success) return {}
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]))
}

describe('AppointmentFormSchema: the end of an appointment', () => {
  it('accepts one that runs past midnight, and one that ends the same day', () => {
    expect(errorsOf(base)).toEqual({})
    expect(errorsOf({ ...base, endDate: base.date, startTime: '09:00', endTime: '10:30' })).toEqual({})
  })

  it('refuses an end at or before the start, on the field to fix', () => {
    const sameDay = { ...base, endDate: base.date }
    expect(errorsOf(sameDay)).toEqual({ endTime: 'The appointment must end after it starts.' })
    expect(errorsOf({ ...sameDay, endTime: '22:00' })).toEqual({ endTime: 'The appointment must end after it starts.' })
    expect(errorsOf({ ...base, endDate: '2026-11-30', endTime: '23:00' })).toEqual({ endDate: 'The appointment must end after it starts.' })
  })

  it('accepts exactly three days and refuses anything longer', () => {
    expect(errorsOf({ ...base, endDate: '2026-12-04', endTime: '22:00' })).toEqual({})
    expect(errorsOf({ ...base, endDate: '2026-12-04', endTime: '22:01' })).toEqual({ endDate: 'That is more than 3 days: check the end date.' })
    expect(errorsOf({ ...base, endDate: '2027-12-02' })).toEqual({ endDate: 'That is more than 3 days: check the end date.' })
  })

  it('names a missing or impossible end date plainly, without a second message about the order', () => {
    const { endDate: _omitted, ...withoutEnd } = base
    expect(errorsOf(withoutEnd)).toEqual({ endDate: 'Enter the end date.' })
    expect(errorsOf({ ...base, endDate: '' })).toEqual({ endDate: 'Enter a real end date, such as 2026-12-01.' })
    expect(errorsOf({ ...base, endDate: '2026-02-30' })).toEqual({ endDate: 'Enter a real end date, such as 2026-12-01.' })
  })

  it('applies the same rule to the conflict query', () => {
    const query = { date: base.date, startTime: base.startTime, endDate: base.endDate, endTime: base.endTime, doulaId: '' }
    expect(ConflictQuerySchema.safeParse(query).success).toBe(true)
    expect(ConflictQuerySchema.safeParse({ ...query, endDate: base.date }).success).toBe(false)
  })
})
