import { describe, expect, it } from 'vitest'
import { ClientFormSchema, ClientListParamsSchema } from '../../../lib/clients/client.schema.ts'
import { zonedInstant } from '../../../lib/journeys/journey.service.ts'

const base = {
  firstName: ' Maya ',
  lastName: 'Lopez',
  preferredName: '',
  pronouns: '',
  email: ' Maya@Example.COM ',
  phone: '',
  dueDate: '2027-03-04',
  status: 'booked',
  primaryDoulaId: '',
  backupDoulaId: '',
  acceptCapacityWarning: false,
}

describe('ClientFormSchema', () => {
  it('trims, lower-cases the email and turns empty optional fields into null', () => {
    expect(ClientFormSchema.parse(base)).toMatchObject({ firstName: 'Maya', email: 'maya@example.com', preferredName: null, primaryDoulaId: null })
  })

  it('puts each problem on its field in plain words', () => {
    const id = '7d0c3c4e-6c3f-4a55-9d7e-2f1a1b6c9e01'
    const result = ClientFormSchema.safeParse({ ...base, firstName: '', email: 'nope', dueDate: '2027-02-29', primaryDoulaId: id, backupDoulaId: id })
    expect(result.success).toBe(false)
    const fields = Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]))
    expect(fields).toEqual({
      firstName: 'Enter her first name.',
      email: 'Enter a valid email address, like name@example.com.',
      dueDate: 'Enter a real date, like 2027-03-14.',
      backupDoulaId: 'The backup doula must be someone other than the primary doula.',
    })
  })
})

describe('ClientListParamsSchema', () => {
  it('falls back to defaults for anything a hand-edited URL could hold', () => {
    expect(ClientListParamsSchema.parse({ status: 'nope', doula: 'x', due: '2027-13', sort: 'evil', archived: 'yes' })).toEqual({
      q: '',
      status: undefined,
      doula: undefined,
      due: undefined,
      sort: 'name',
      archived: false,
      after: undefined,
    })
  })
})

describe('zonedInstant', () => {
  it('reads wall-clock time in the practice time zone, across a daylight-saving change', () => {
    expect(zonedInstant('2026-11-01T00:30', 'America/Chicago').toISOString()).toBe('2026-11-01T05:30:00.000Z')
    expect(zonedInstant('2026-11-02T00:30', 'America/Chicago').toISOString()).toBe('2026-11-02T06:30:00.000Z')
  })
})
