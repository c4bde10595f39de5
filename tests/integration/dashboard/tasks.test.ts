import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listTasks } from '../../../lib/tasks/queries.ts'
import { addTask, setTaskDone } from '../../../lib/tasks/tasks.service.ts'
import { createUser } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { createClientRecord, type ClientRecord } from '../../helpers/world.ts'
import { dbAs, fieldErrorsOf, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let a: PracticeFixture
let b: PracticeFixture
let rosa: ClientRecord
let portalClient: Awaited<ReturnType<typeof createUser>>
const task = (overrides: Record<string, string> = {}) => ({ title: 'Send the birth plan template', dueOn: '', assigneeId: '', clientId: '', ...overrides })

beforeAll(async () => {
  a = await newPractice(sql, 'Task Doulas')
  b = await newPractice(sql, 'Other Task Doulas')
  portalClient = await createUser(sql, { fullName: 'Rosa Client' })
  rosa = await createClientRecord(sql, a.id, portalClient, 'Rosa')
})

describe('tasks', () => {
  it('adds practice and client to-dos, lists them open first by due date, and ticks one off', async () => {
    const later = await addTask(a.doulaDb, a.id, task({ title: 'Order the TENS unit', dueOn: '2031-05-02', assigneeId: a.doula.id }))
    const sooner = await addTask(a.ownerDb, a.id, task({ title: 'Call Rosa about the tour', dueOn: '2031-05-01', clientId: rosa.id }))
    const undated = await addTask(a.ownerDb, a.id, task({ title: 'Restock the birth bag' }))
    expect((await listTasks(a.ownerDb, a.id)).map((t) => t.title)).toEqual(['Call Rosa about the tour', 'Order the TENS unit', 'Restock the birth bag'])
    expect(await listTasks(a.doulaDb, a.id, rosa.id)).toEqual([
      { id: sooner.id, title: 'Call Rosa about the tour', dueOn: '2031-05-01', assigneeId: null, clientId: rosa.id, clientName: 'Rosa Test', done: false },
    ])

    await setTaskDone(a.doulaDb, a.id, { taskId: sooner.id, done: true })
    expect((await listTasks(a.ownerDb, a.id)).map((t) => [t.id, t.done])).toEqual([
      [later.id, false],
      [undated.id, false],
      [sooner.id, true],
    ])
    await setTaskDone(a.doulaDb, a.id, { taskId: sooner.id, done: false })
    expect((await listTasks(a.ownerDb, a.id, rosa.id))[0]!.done).toBe(false)
  })

  it('refuses bad input at the field, and another practice\'s client, assignee or task', async () => {
    expect(await fieldErrorsOf(() => addTask(a.ownerDb, a.id, task({ title: '  ' })))).toEqual({ title: 'Say what needs doing.' })
    expect(await fieldErrorsOf(() => addTask(a.ownerDb, a.id, task({ dueOn: '2031-02-30' })))).toEqual({ dueOn: 'Enter a date like 2027-03-14.' })
    expect(await fieldErrorsOf(() => addTask(a.ownerDb, a.id, task({ assigneeId: b.doula.id })))).toEqual({ assigneeId: 'Choose someone on your team.' })
    const otherClient = await createClientRecord(sql, b.id, null, 'Bea')
    expect(await fieldErrorsOf(() => addTask(a.ownerDb, a.id, task({ clientId: otherClient.id })))).toEqual({ clientId: 'That client was not found.' })
    const mine = await addTask(a.ownerDb, a.id, task())
    await expect(setTaskDone(b.ownerDb, b.id, { taskId: mine.id, done: true })).rejects.toMatchObject({ code: 'not_found' })
    await expect(setTaskDone(b.ownerDb, a.id, { taskId: mine.id, done: true })).rejects.toMatchObject({ code: 'not_found' })
    await expect(addTask(b.ownerDb, a.id, task())).rejects.toMatchObject({ code: 'not_found' })
    expect(await sql`select done_at from public.tasks where id = ${mine.id}`).toEqual([{ done_at: null }])
  })

  it('never shows a to-do about her to the client herself', async () => {
    await addTask(a.ownerDb, a.id, task({ title: 'Private: check in about anxiety', clientId: rosa.id }))
    const herDb = await dbAs(portalClient)
    const { data, error } = await herDb.from('tasks').select('id')
    expect(error).toBeNull()
    expect(data).toEqual([])
  })
})
