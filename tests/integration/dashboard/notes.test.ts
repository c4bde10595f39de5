import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../../lib/clients/save-client.service.ts'
import { listJourneyNotes, saveNote } from '../../../lib/notes/notes.service.ts'
import { createUser } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { clientForm, dbAs, fieldErrorsOf, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture
let client: { clientId: string; journeyId: string }

beforeAll(async () => {
  a = await newPractice(sql, 'Notes A')
  b = await newPractice(sql, 'Notes B')
  client = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Noted' }))
})
afterAll(() => sql.end())

describe('private notes', () => {
  it('autosaves: the first save creates, later saves update the same note, emptying deletes it', async () => {
    const first = await saveNote(a.doulaDb, a.id, { ...client, body: 'Anxious about' })
    expect(first.noteId).toEqual(expect.any(String))
    const second = await saveNote(a.doulaDb, a.id, { ...client, noteId: first.noteId!, body: 'Anxious about the hospital drive.' })
    expect(second.noteId).toBe(first.noteId)
    expect((await listJourneyNotes(a.doulaDb, a.id, client.journeyId)).map((n) => n.body)).toEqual(['Anxious about the hospital drive.'])
    expect(await saveNote(a.doulaDb, a.id, { ...client, noteId: first.noteId!, body: '  ' })).toEqual({ noteId: null, savedAt: null })
    expect(await listJourneyNotes(a.doulaDb, a.id, client.journeyId)).toEqual([])
  })

  it('is never visible to the client, even with her own portal login', async () => {
    await saveNote(a.doulaDb, a.id, { ...client, body: 'Private: history of loss.' })
    const portalUser = await createUser(sql, { fullName: 'Noted client' })
    await sql`update public.clients set portal_user_id = ${portalUser.id} where id = ${client.clientId}`
    const portal = await dbAs(portalUser)
    const { data, error } = await portal.from('notes').select('body').eq('journey_id', client.journeyId)
    expect(error).toBeNull()
    expect(data).toEqual([])
    // Her own record is readable, proving the login works and only the notes are withheld.
    expect((await portal.from('clients').select('id').eq('id', client.clientId)).data).toHaveLength(1)
  })

  it('refuses other practices and other authors with not_found, and oversize notes on the field', async () => {
    const { noteId } = await saveNote(a.doulaDb, a.id, { ...client, body: 'Mine.' })
    await expect(saveNote(b.doulaDb, b.id, { ...client, body: 'Intruder' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(saveNote(b.doulaDb, b.id, { ...client, noteId: noteId!, body: 'Overwrite' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(saveNote(a.ownerDb, a.id, { ...client, noteId: noteId!, body: 'Owner edit' })).rejects.toMatchObject({ code: 'not_found' })
    expect(await fieldErrorsOf(() => saveNote(a.doulaDb, a.id, { ...client, body: 'x'.repeat(20_001) }))).toEqual({
      body: 'Notes are limited to 20,000 characters.',
    })
    const bodies = (await listJourneyNotes(a.doulaDb, a.id, client.journeyId)).map((n) => n.body)
    expect(bodies).toContain('Mine.')
    expect(bodies).not.toContain('Overwrite')
    expect(bodies).not.toContain('Owner edit')
    expect(await listJourneyNotes(b.doulaDb, a.id, client.journeyId)).toEqual([])
  })
})
