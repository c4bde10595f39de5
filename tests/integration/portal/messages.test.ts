import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countUnreadForClient, listInbox, listThread, markThreadRead, postMessage } from '@/lib/messages/queries'
import { clientAs } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { createWorld, type World } from '../../helpers/world.ts'

const sql = superuser()
let world: World

beforeAll(async () => {
  world = await createWorld(sql)
})
afterAll(() => sql.end())

describe('messages between a client and her practice', () => {
  it('shows the doula an inbox with unread counts, and both sides read receipts', async () => {
    const { clientA1, doulaA, ownerA } = world.personas
    const alma = await clientAs(clientA1.user!)
    const doula = await clientAs(doulaA.user!)
    const a1 = { practiceId: world.a.id, clientId: world.a1.id }

    await postMessage(alma, { userId: clientA1.user!.id, side: 'client' }, a1, 'Hello, I have a question')
    await postMessage(alma, { userId: clientA1.user!.id, side: 'client' }, a1, 'About the birth plan')

    let inbox = await listInbox(doula, world.a.id)
    expect(inbox.map((r) => [r.client_id, r.unread_count, r.last_sender_side])).toEqual([[world.a1.id, 2, 'client']])

    expect(await markThreadRead(doula, 'practice', a1)).toBe(2)
    inbox = await listInbox(await clientAs(ownerA.user!), world.a.id)
    expect(inbox[0]!.unread_count).toBe(0)

    const reply = await postMessage(doula, { userId: doulaA.user!.id, side: 'practice' }, a1, 'Of course, let us talk')
    expect(await countUnreadForClient(alma, a1)).toBe(1)

    // Her view: her messages carry the practice's read receipt; the reply is unread until she opens it.
    let thread = await listThread(alma, a1)
    expect(thread.map((m) => m.body)).toEqual(['Hello, I have a question', 'About the birth plan', 'Of course, let us talk'])
    expect(thread.filter((m) => m.sender_side === 'client').every((m) => m.read_by_practice_at !== null)).toBe(true)
    expect(await markThreadRead(alma, 'client', a1)).toBe(1)
    expect(await countUnreadForClient(alma, a1)).toBe(0)
    thread = await listThread(doula, a1)
    expect(thread.find((m) => m.id === reply.id)!.read_by_client_at).not.toBeNull()
  })

  it('keeps other clients and other practices out of the thread and the inbox', async () => {
    const { clientA2, doulaB, clientA1 } = world.personas
    const a1 = { practiceId: world.a.id, clientId: world.a1.id }
    const bea = await clientAs(clientA2.user!)
    expect(await listThread(bea, a1)).toEqual([])
    expect(await listInbox(bea, world.a.id)).toEqual([])
    expect(await listInbox(await clientAs(doulaB.user!), world.a.id)).toEqual([])
    await expect(postMessage(bea, { userId: clientA2.user!.id, side: 'client' }, a1, 'Sneaking in')).rejects.toThrow('We could not send the message.')
    // A client cannot post on the practice's side of her own thread.
    const alma = await clientAs(clientA1.user!)
    await expect(postMessage(alma, { userId: clientA1.user!.id, side: 'practice' }, a1, 'Pretending')).rejects.toThrow('We could not send the message.')
    // Nor stamp the practice's receipt on her own unread message.
    const mine = await postMessage(alma, { userId: clientA1.user!.id, side: 'client' }, a1, 'Unread by the practice')
    expect(await markThreadRead(alma, 'practice', a1)).toBe(0)
    const [row] = await sql`select read_by_practice_at from public.messages where id = ${mine.id}`
    expect(row!.read_by_practice_at).toBeNull()
  })
})
