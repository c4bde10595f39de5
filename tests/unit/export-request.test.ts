import { describe, expect, it } from 'vitest'
import { GET as exportAppointments } from '@/app/api/export/appointments/route'
import { GET as exportClients } from '@/app/api/export/clients/route'
import { isAppError } from '@/lib/errors'
import { exportRequest } from '@/lib/server/export-request'

const PRACTICE = '5b0e8a0c-3f0f-4c4e-9a57-2d3c9f1a7b11'
const REFUSAL = 'Choose a practice to export from.'

describe('exportRequest', () => {
  it('gives the parameters and the practice they name', () => {
    const request = new Request(`http://app.test/api/export/clients?practice=${PRACTICE}&q=ana&status=active`)
    expect(exportRequest(request)).toEqual({ params: { practice: PRACTICE, q: 'ana', status: 'active' }, practiceId: PRACTICE })
  })

  it.each(['', '?practice=', '?practice=not-a-uuid', `?practice=${PRACTICE}x`])('refuses %j as validation, saying what is missing', (query) => {
    let thrown: unknown
    try {
      exportRequest(new Request(`http://app.test/api/export/clients${query}`))
    } catch (error) {
      thrown = error
    }
    expect(isAppError(thrown) && thrown.code === 'validation' && thrown.message).toBe(REFUSAL)
  })
})

describe('the CSV export routes', () => {
  it.each([
    ['clients', exportClients, '/api/export/clients?practice=nope'],
    ['appointments', exportAppointments, '/api/export/appointments?practice=nope&from=2026-01-01&to=2026-01-31'],
  ])('%s refuses a malformed practice before reading anything', async (_name, GET, path) => {
    const response = await GET(new Request(`http://app.test${path}`))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: REFUSAL })
  })
})
