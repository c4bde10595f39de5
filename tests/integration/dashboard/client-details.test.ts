import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detailsFromRow, type ClientDetailsInput } from '../../../lib/clients/client-details.schema.ts'
import { getClientOrThrow } from '../../../lib/clients/queries.ts'
import { saveClientDetails } from '../../../lib/clients/save-client-details.service.ts'
import { createClient } from '../../../lib/clients/save-client.service.ts'
import { superuser } from '../../helpers/stack.ts'
import { clientForm, fieldErrorsOf, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture
let clientId: string

const empty = { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' }
const noUtm = { source: '', medium: '', campaign: '', term: '', content: '' }
const details = (overrides: Partial<ClientDetailsInput> = {}): ClientDetailsInput => ({
  clientId,
  address: { ...empty, line1: '12 Harbor Lane', city: 'Portland', postalCode: '04101', country: 'USA' },
  contacts: [{ name: 'Sam Lopez', relationship: 'partner', phone: '555-0100', email: 'Sam@Example.com' }],
  leadSource: 'Instagram',
  utm: { ...noUtm, source: 'instagram', campaign: 'spring' },
  ...overrides,
})

beforeAll(async () => {
  a = await newPractice(sql, 'Details A')
  b = await newPractice(sql, 'Details B')
  clientId = (await createClient(a.doulaDb, a.settings, clientForm())).clientId
})
afterAll(() => sql.end())

describe('client details', () => {
  it('stores only what is filled, in the documented JSON shapes, and reads it back', async () => {
    await saveClientDetails(a.doulaDb, a.id, details())
    const [row] = await sql`select address, partner_contacts, lead_source, utm from public.clients where id = ${clientId}`
    expect(row).toEqual({
      address: { line1: '12 Harbor Lane', city: 'Portland', postal_code: '04101', country: 'USA' },
      partner_contacts: [{ name: 'Sam Lopez', relationship: 'partner', phone: '555-0100', email: 'sam@example.com' }],
      lead_source: 'Instagram',
      utm: { source: 'instagram', campaign: 'spring' },
    })
    const read = detailsFromRow(await getClientOrThrow(a.doulaDb, a.id, clientId))
    expect(read).toEqual({ ...details(), clientId: undefined, contacts: [{ name: 'Sam Lopez', relationship: 'partner', phone: '555-0100', email: 'sam@example.com' }] } as unknown)

    await saveClientDetails(a.doulaDb, a.id, details({ address: empty, contacts: [], leadSource: '', utm: noUtm }))
    const [cleared] = await sql`select address, partner_contacts, lead_source, utm from public.clients where id = ${clientId}`
    expect(cleared).toEqual({ address: {}, partner_contacts: [], lead_source: null, utm: {} })
  })

  it('answers bad input on its field and saves nothing', async () => {
    await saveClientDetails(a.doulaDb, a.id, details())
    expect(
      await fieldErrorsOf(() =>
        saveClientDetails(a.doulaDb, a.id, details({ contacts: [{ name: ' ', relationship: '', phone: '', email: 'not-an-email' }], leadSource: 'x'.repeat(101) })),
      ),
    ).toEqual({
      // A service's field errors are keyed by top-level field; the form's resolver puts them on each input first.
      contacts: 'Enter a name, or remove this contact.',
      leadSource: 'Please shorten the lead source to 100 characters.',
    })
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `P${i}`, relationship: '', phone: '', email: '' }))
    expect(await fieldErrorsOf(() => saveClientDetails(a.doulaDb, a.id, details({ contacts: six })))).toEqual({ contacts: 'Add at most 5 contacts.' })
    const [row] = await sql`select lead_source from public.clients where id = ${clientId}`
    expect(row).toEqual({ lead_source: 'Instagram' })
  })

  it("gives another practice's member not_found and changes nothing", async () => {
    await expect(saveClientDetails(b.doulaDb, a.id, details({ leadSource: 'Hacked' }))).rejects.toMatchObject({ code: 'not_found' })
    await expect(saveClientDetails(b.doulaDb, b.id, details({ leadSource: 'Hacked' }))).rejects.toMatchObject({ code: 'not_found' })
    const [row] = await sql`select lead_source from public.clients where id = ${clientId}`
    expect(row).toEqual({ lead_source: 'Instagram' })
  })
})
