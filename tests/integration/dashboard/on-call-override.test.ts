import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getClientOrThrow } from '../../../lib/clients/queries.ts'
import { createClient } from '../../../lib/clients/save-client.service.ts'
import { saveOnCallOverride } from '../../../lib/journeys/on-call-override.service.ts'
import { superuser } from '../../helpers/stack.ts'
import { clientForm, fieldErrorsOf, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture
let journeyId: string
let clientId: string

beforeAll(async () => {
  a = await newPractice(sql, 'On-call A')
  b = await newPractice(sql, 'On-call B')
  ;({ clientId, journeyId } = await createClient(a.doulaDb, a.settings, clientForm()))
})
afterAll(() => sql.end())

const weeks = async () => (await getClientOrThrow(a.doulaDb, a.id, clientId)).current

describe('per-client on-call window', () => {
  it('sets her own weeks and clears them back to the practice window', async () => {
    await saveOnCallOverride(a.doulaDb, a.id, { journeyId, startWeek: '36', endWeek: '41' })
    expect(await weeks()).toMatchObject({ on_call_start_week: 36, on_call_end_week: 41 })
    await saveOnCallOverride(a.doulaDb, a.id, { journeyId, startWeek: '', endWeek: '' })
    expect(await weeks()).toMatchObject({ on_call_start_week: null, on_call_end_week: null })
  })

  it('refuses half a window, a backwards one and weeks out of range, on the field', async () => {
    await saveOnCallOverride(a.doulaDb, a.id, { journeyId, startWeek: '37', endWeek: '42' })
    expect(await fieldErrorsOf(() => saveOnCallOverride(a.doulaDb, a.id, { journeyId, startWeek: '38', endWeek: '' }))).toEqual({
      endWeek: 'Enter both weeks, or leave both empty to use your practice’s window.',
    })
    expect(await fieldErrorsOf(() => saveOnCallOverride(a.doulaDb, a.id, { journeyId, startWeek: '41', endWeek: '38' }))).toEqual({
      endWeek: 'The window must end in or after the week it starts.',
    })
    expect(await fieldErrorsOf(() => saveOnCallOverride(a.doulaDb, a.id, { journeyId, startWeek: '19', endWeek: '45' }))).toEqual({
      startWeek: 'Enter a week from 20 to 44, or leave it empty.',
      endWeek: 'Enter a week from 20 to 44, or leave it empty.',
    })
    expect(await weeks()).toMatchObject({ on_call_start_week: 37, on_call_end_week: 42 })
  })

  it("gives another practice's member not_found and changes nothing", async () => {
    await expect(saveOnCallOverride(b.doulaDb, a.id, { journeyId, startWeek: '20', endWeek: '21' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(saveOnCallOverride(b.doulaDb, b.id, { journeyId, startWeek: '20', endWeek: '21' })).rejects.toMatchObject({ code: 'not_found' })
    expect(await weeks()).toMatchObject({ on_call_start_week: 37, on_call_end_week: 42 })
  })
})
