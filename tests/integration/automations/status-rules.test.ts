import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listRules, listRuns } from '@/lib/automations/queries'
import { addRule, removeRule } from '@/lib/automations/rules.service'
import { runPendingAutomations } from '@/lib/automations/runner'
import { adminDb } from '../../helpers/app-session.ts'
import { createUser } from '../../helpers/personas.ts'
import { newFormTemplate } from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { createClientRecord, createPractice, type ClientRecord } from '../../helpers/world.ts'
import { dbAs, fieldErrorsOf, newPractice, type PracticeFixture } from '../dashboard/fixtures.ts'

const sql = superuser()
const admin = adminDb()
afterAll(() => sql.end())

let a: PracticeFixture
let b: PracticeFixture
let templateId: string
const rule = (overrides: Record<string, string> = {}) => ({ onStatus: 'active', action: 'create_task', templateId: '', taskTitle: 'Plan the birth prep visit', ...overrides })

async function setStatus(journeyId: string, status: string) {
  await sql`update public.journeys set status = ${status} where id = ${journeyId}`
}
async function newClient(name: string, portal = true): Promise<ClientRecord> {
  const rec = await createClientRecord(sql, a.id, portal ? await createUser(sql, { fullName: `${name} Client` }) : null, name)
  await sql`update public.journeys set primary_doula_id = ${a.doula.id}, status = 'lead' where id = ${rec.journeyId}`
  return rec
}
const tasksFor = (c: ClientRecord) => sql`select title, assignee_id, created_by from public.tasks where client_id = ${c.id}`
const formsFor = (c: ClientRecord) => sql`select template_id from public.form_requests where client_id = ${c.id}`

beforeAll(async () => {
  a = await newPractice(sql, 'Rule Doulas')
  b = await newPractice(sql, 'Other Rule Doulas')
  templateId = await newFormTemplate(sql, a.id)
})

describe('status-change automations', () => {
  it('creates the to-do and sends the form once per journey, however often the status comes back', async () => {
    const task = await addRule(a.ownerDb, a.id, rule())
    const form = await addRule(a.ownerDb, a.id, rule({ action: 'send_form', templateId, taskTitle: '' }))
    const rosa = await newClient('Rosa')

    await setStatus(rosa.journeyId, 'active')
    expect(await tasksFor(rosa)).toEqual([{ title: 'Plan the birth prep visit', assignee_id: a.doula.id, created_by: null }])
    expect(await runPendingAutomations(admin)).toMatchObject({ sent: 1 })
    expect(await formsFor(rosa)).toEqual([{ template_id: templateId }])

    await setStatus(rosa.journeyId, 'booked')
    await setStatus(rosa.journeyId, 'active')
    await runPendingAutomations(admin)
    expect(await runPendingAutomations(admin)).toEqual({ sent: 0, failed: 0, skipped: 0 })
    expect(await tasksFor(rosa)).toHaveLength(1)
    expect(await formsFor(rosa)).toHaveLength(1)
    await expect(sql`insert into public.automation_runs (practice_id, rule_id, journey_id, state) values (${a.id}, ${task.id}, ${rosa.journeyId}, 'done')`).rejects.toMatchObject({ code: '23505' })

    const runs = await listRuns(a.doulaDb, a.id, rosa.journeyId)
    expect(runs.map((r) => `${r.what}: ${r.state}`).sort()).toEqual(['Send “Intake”: done', 'To-do: Plan the birth prep visit: done'])
    await removeRule(a.ownerDb, a.id, { ruleId: form.id })
    await removeRule(a.ownerDb, a.id, { ruleId: task.id })
  })

  it('never acts for an archived or completed journey, and skips a form queued before she was archived', async () => {
    await expect(addRule(a.ownerDb, a.id, rule({ onStatus: 'archived' }))).rejects.toMatchObject({ code: 'validation' })
    const form = await addRule(a.ownerDb, a.id, rule({ onStatus: 'postpartum', action: 'send_form', templateId, taskTitle: '' }))
    const task = await addRule(a.ownerDb, a.id, rule({ onStatus: 'postpartum' }))
    const mia = await newClient('Mia')
    await setStatus(mia.journeyId, 'archived')
    await setStatus(mia.journeyId, 'complete')
    expect(await sql`select 1 from public.automation_runs where journey_id = ${mia.journeyId}`).toHaveLength(0)

    await setStatus(mia.journeyId, 'postpartum')
    await setStatus(mia.journeyId, 'archived')
    expect(await runPendingAutomations(admin)).toMatchObject({ sent: 0, skipped: 1 })
    expect(await formsFor(mia)).toHaveLength(0)
    expect((await listRuns(a.ownerDb, a.id, mia.journeyId)).map((r) => `${r.what}: ${r.state}`).sort()).toEqual(['Send “Intake”: skipped', 'To-do: Plan the birth prep visit: done'])
    await removeRule(a.ownerDb, a.id, { ruleId: form.id })
    await removeRule(a.ownerDb, a.id, { ruleId: task.id })
  })

  it('keeps a refused send as failed with the reason, and sends nothing', async () => {
    const form = await addRule(a.ownerDb, a.id, rule({ onStatus: 'consult', action: 'send_form', templateId, taskTitle: '' }))
    const noPortal = await newClient('Ida', false)
    await setStatus(noPortal.journeyId, 'consult')
    expect(await runPendingAutomations(admin)).toMatchObject({ failed: 1 })
    expect((await listRuns(a.ownerDb, a.id, noPortal.journeyId)).map((r) => [r.state, r.detail])).toEqual([
      ['failed', 'Invite her to the portal first: forms are filled in there.'],
    ])
    expect(await formsFor(noPortal)).toHaveLength(0)
    await removeRule(a.ownerDb, a.id, { ruleId: form.id })
  })

  it('refuses bad rules at the field, a doula, another practice, and a portal client', async () => {
    expect(await fieldErrorsOf(() => addRule(a.ownerDb, a.id, rule({ taskTitle: ' ' })))).toEqual({ taskTitle: 'Say what the to-do is.' })
    expect(await fieldErrorsOf(() => addRule(a.ownerDb, a.id, rule({ action: 'send_form', taskTitle: '' })))).toEqual({ templateId: 'Choose a form to send.' })
    const otherTemplate = await newFormTemplate(sql, b.id)
    expect(await fieldErrorsOf(() => addRule(a.ownerDb, a.id, rule({ action: 'send_form', templateId: otherTemplate, taskTitle: '' })))).toEqual({
      templateId: 'Choose a form from the list.',
    })
    await expect(addRule(a.doulaDb, a.id, rule())).rejects.toMatchObject({ code: 'not_found' })
    await expect(addRule(b.ownerDb, a.id, rule())).rejects.toMatchObject({ code: 'not_found' })

    const mine = await addRule(a.ownerDb, a.id, rule({ taskTitle: 'Only ours' }))
    expect(await listRules(b.ownerDb, a.id)).toEqual([])
    await expect(removeRule(b.ownerDb, a.id, { ruleId: mine.id })).rejects.toMatchObject({ code: 'not_found' })
    await expect(removeRule(a.doulaDb, a.id, { ruleId: mine.id })).rejects.toMatchObject({ code: 'not_found' })
    expect((await listRules(a.doulaDb, a.id)).map((r) => r.taskTitle)).toEqual(['Only ours'])

    const portalUser = await createUser(sql, { fullName: 'Nell Client' })
    const nell = await createClientRecord(sql, a.id, portalUser, 'Nell')
    await setStatus(nell.journeyId, 'active')
    const herDb = await dbAs(portalUser)
    expect(await listRules(herDb, a.id)).toEqual([])
    expect(await listRuns(herDb, a.id, nell.journeyId)).toEqual([])
    expect(await listRuns(a.ownerDb, a.id, nell.journeyId)).toHaveLength(1)
  })

  it('gives a to-do with no primary doula to a solo practice\'s only member, and otherwise says it is unassigned', async () => {
    const soloOwner = await createUser(sql, { fullName: 'Solo Owner' })
    const soloPractice = await createPractice(sql, soloOwner, 'Solo Rule Doula')
    await sql`insert into public.automation_rules (practice_id, on_status, action, task_title) values (${soloPractice.id}, 'active', 'create_task', 'Solo to-do')`
    const sole = await createClientRecord(sql, soloPractice.id, null, 'Sole')
    await setStatus(sole.journeyId, 'active')
    expect(await tasksFor(sole)).toEqual([{ title: 'Solo to-do', assignee_id: soloOwner.id, created_by: null }])

    const task = await addRule(a.ownerDb, a.id, rule({ onStatus: 'consult', taskTitle: 'Whose is it?' }))
    const team = await createClientRecord(sql, a.id, null, 'Team')
    await setStatus(team.journeyId, 'consult')
    expect(await tasksFor(team)).toEqual([{ title: 'Whose is it?', assignee_id: null, created_by: null }])
    expect((await listRuns(a.ownerDb, a.id, team.journeyId)).map((r) => [r.state, r.detail])).toEqual([
      ['done', 'Her journey has no primary doula, so the to-do is unassigned.'],
    ])
    await removeRule(a.ownerDb, a.id, { ruleId: task.id })
  })
})
