import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listRuns } from '@/lib/automations/queries'
import { addRule, removeRule } from '@/lib/automations/rules.service'
import { runAutomations } from '@/lib/automations/runner'
import { createClient } from '@/lib/clients/save-client.service'
import { listThread } from '@/lib/messages/queries'
import { listTemplate, saveTemplateItem } from '@/lib/milestones/template.service'
import { adminDb } from '../../helpers/app-session.ts'
import { createUser, type TestUser } from '../../helpers/personas.ts'
import { newFormTemplate } from '../../helpers/rows.ts'
import { superuser } from '../../helpers/stack.ts'
import { createClientRecord, type ClientRecord } from '../../helpers/world.ts'
import { clientForm, dbAs, fieldErrorsOf, newPractice, type PracticeFixture } from '../dashboard/fixtures.ts'

const sql = superuser()
const admin = adminDb()
afterAll(() => sql.end())

let a: PracticeFixture
let b: PracticeFixture
let formId: string

type Action = { action: 'send_message'; message: string } | { action: 'send_form'; formId: string | null } | { action: 'create_task'; title: string }

/** A milestone of her journey due on `dueOn` that carries `action`, as a generated one does, planned at `plannedAt` (now). */
async function milestone(c: ClientRecord, dueOn: string, act: Action, title = 'Bag packed', plannedAt: string | null = null): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into public.milestones (practice_id, client_id, journey_id, title, kind, due_on, shared_with_client,
                                   action, action_message, action_form_template_id, action_task_title, created_at)
    values (${c.practiceId}, ${c.id}, ${c.journeyId}, ${title}, 'prenatal', ${dueOn}, true, ${act.action},
            ${act.action === 'send_message' ? act.message : null}, ${act.action === 'send_form' ? act.formId : null},
            ${act.action === 'create_task' ? act.title : null}, coalesce(${plannedAt}::timestamptz, now()))
    returning id`
  return row!.id
}
async function newClient(p: PracticeFixture, name: string, portalUser: TestUser | null = null): Promise<ClientRecord> {
  const rec = await createClientRecord(sql, p.id, portalUser, name)
  await sql`update public.journeys set primary_doula_id = ${p.doula.id} where id = ${rec.journeyId}`
  return rec
}
const run = (iso: string) => runAutomations(admin, new Date(iso))
const runsOf = async (milestoneId: string) =>
  sql<{ state: string; detail: string | null; source: string }[]>`select state, detail, source from public.automation_runs where milestone_id = ${milestoneId}`
const messagesOf = (c: ClientRecord) => sql<{ body: string; sender_side: string; sender_id: string | null }[]>`
  select body, sender_side, sender_id from public.messages where client_id = ${c.id}`
const tasksOf = (c: ClientRecord) => sql<{ title: string; assignee_id: string | null; due_on: string }[]>`
  select title, assignee_id, to_char(due_on, 'YYYY-MM-DD') as due_on from public.tasks where client_id = ${c.id}`

beforeAll(async () => {
  a = await newPractice(sql, 'Due Date Doulas')
  b = await newPractice(sql, 'Other Due Date Doulas')
  formId = await newFormTemplate(sql, a.id)
  await sql`update public.practices set time_zone = 'America/New_York' where id = ${a.id}`
})

describe('due-date automations', () => {
  it('lets an owner give a template item an action that new journeys carry, and refuses bad input at the field', async () => {
    const base = { title: 'Bag check', kind: 'prenatal', timing: 'weeks_pregnant', amount: '36', sharedWithClient: true } as const
    expect(await fieldErrorsOf(() => saveTemplateItem(a.ownerDb, a.id, { ...base, action: 'send_message', actionMessage: '  ' }))).toEqual({
      actionMessage: 'Write the message she will get.',
    })
    expect(await fieldErrorsOf(() => saveTemplateItem(a.ownerDb, a.id, { ...base, action: 'send_form' }))).toEqual({ actionFormTemplateId: 'Choose a form to send.' })
    expect(await fieldErrorsOf(() => saveTemplateItem(a.ownerDb, a.id, { ...base, action: 'create_task', actionTaskTitle: 'x'.repeat(201) }))).toEqual({
      actionTaskTitle: 'Keep it under 200 characters.',
    })
    const theirs = await newFormTemplate(sql, b.id)
    expect(await fieldErrorsOf(() => saveTemplateItem(a.ownerDb, a.id, { ...base, action: 'send_form', actionFormTemplateId: theirs }))).toEqual({
      actionFormTemplateId: 'Choose a form from the list.',
    })
    await expect(saveTemplateItem(a.doulaDb, a.id, { ...base, action: 'create_task', actionTaskTitle: 'Call her' })).rejects.toMatchObject({ code: 'forbidden' })

    const { itemId } = await saveTemplateItem(a.ownerDb, a.id, { ...base, action: 'send_message', actionMessage: 'Time to pack your bag!', actionTaskTitle: 'ignored' })
    const item = (await listTemplate(a.ownerDb, a.id)).find((i) => i.id === itemId)
    expect(item).toMatchObject({ action: 'send_message', actionMessage: 'Time to pack your bag!', actionTaskTitle: null, actionFormTemplateId: null })
    await saveTemplateItem(a.ownerDb, a.id, { ...base, itemId, action: 'send_form', actionFormTemplateId: formId })
    expect((await listTemplate(a.doulaDb, a.id)).find((i) => i.id === itemId)).toMatchObject({ action: 'send_form', actionFormTemplateId: formId, actionFormName: 'Intake', actionMessage: null })

    const { journeyId } = await createClient(a.ownerDb, a.settings, clientForm({ firstName: 'Gen' }))
    const generated = await sql`select action, action_form_template_id, action_fired_at from public.milestones where journey_id = ${journeyId} and title = 'Bag check'`
    expect(generated).toEqual([{ action: 'send_form', action_form_template_id: formId, action_fired_at: null }])
    const others = await sql`select count(*)::int as n from public.milestones where journey_id = ${journeyId} and action is null`
    expect(others[0]!.n).toBeGreaterThan(0)

    // Members cannot set or reset the runner's mark, nor change a milestone's action.
    const [m] = await sql<{ id: string }[]>`select id from public.milestones where journey_id = ${journeyId} and title = 'Bag check'`
    const { error } = await a.ownerDb.from('milestones').update({ action: 'create_task', action_task_title: 'x', action_form_template_id: null }).eq('id', m!.id)
    expect(error?.code).toBe('42501')
    await sql`delete from public.milestone_template_items where id = ${itemId}`
  })

  it('sends the message on its date once, however often and however concurrently the runner runs, from the practice to her thread only', async () => {
    const her = await createUser(sql, { fullName: 'Lena Client' })
    const lena = await newClient(a, 'Lena', her)
    const id = await milestone(lena, '2040-03-10', { action: 'send_message', message: 'Your 36-week visit is this week.' })

    // 2040-03-10 00:00 in New York is 05:00 UTC (EST).
    await run('2040-03-10T04:59:00Z')
    expect(await runsOf(id)).toEqual([])
    expect(await messagesOf(lena)).toEqual([])

    await Promise.all([run('2040-03-10T05:00:00Z'), run('2040-03-10T05:00:00Z'), run('2040-03-10T05:00:00Z')])
    await run('2040-03-10T06:00:00Z')
    expect(await runsOf(id)).toEqual([{ state: 'done', detail: null, source: 'due_date' }])
    expect(await messagesOf(lena)).toEqual([{ body: 'Your 36-week visit is this week.', sender_side: 'practice', sender_id: null }])

    const herThread = await listThread(await dbAs(her), { practiceId: a.id, clientId: lena.id })
    expect(herThread.map((m) => [m.sender_side, m.body, m.automated])).toEqual([['practice', 'Your 36-week visit is this week.', false]])
    const doulaThread = await listThread(a.doulaDb, { practiceId: a.id, clientId: lena.id })
    expect(doulaThread.map((m) => [m.sender_side, m.automated])).toEqual([['practice', true]])
    expect(await listThread(b.ownerDb, { practiceId: a.id, clientId: lena.id })).toEqual([])
    const { data: inbox } = await a.doulaDb.rpc('message_inbox', { practice_id: a.id })
    expect(inbox?.find((r) => r.client_id === lena.id)).toMatchObject({ last_sender_side: 'practice', last_sender_id: null, unread_count: 0 })
    const notified = await sql`select 1 from public.notifications where template = 'new-message' and recipient = ${her.email.toLowerCase()}`
    expect(notified).toHaveLength(1)

    const runs = await listRuns(a.doulaDb, a.id, lena.journeyId)
    expect(runs).toEqual([
      expect.objectContaining({ source: 'due_date', state: 'done', milestoneTitle: 'Bag packed', milestoneDueOn: '2040-03-10', what: 'Message: Your 36-week visit is this week.' }),
    ])
    expect(await listRuns(b.ownerDb, a.id, lena.journeyId)).toEqual([])
    expect(await listRuns(await dbAs(her), a.id, lena.journeyId)).toEqual([])
  })

  it('follows the practice time zone on both sides of UTC', async () => {
    const east = await newPractice(sql, 'Auckland Doulas')
    await sql`update public.practices set time_zone = 'Pacific/Auckland' where id = ${east.id}`
    const west = await newPractice(sql, 'Los Angeles Doulas')
    await sql`update public.practices set time_zone = 'America/Los_Angeles' where id = ${west.id}`
    const kiri = await newClient(east, 'Kiri')
    const lucy = await newClient(west, 'Lucy')
    const early = await milestone(kiri, '2041-01-10', { action: 'create_task', title: 'Call Kiri' })
    const late = await milestone(lucy, '2041-01-10', { action: 'create_task', title: 'Call Lucy' })

    // Auckland (UTC+13 in January) reaches Jan 10 at 11:00 UTC on Jan 9; Los Angeles (UTC-8) at 08:00 UTC on Jan 10.
    await run('2041-01-09T10:59:00Z')
    expect(await runsOf(early)).toEqual([])
    await run('2041-01-09T11:00:00Z')
    expect(await runsOf(early)).toHaveLength(1)
    await run('2041-01-10T07:59:00Z')
    expect(await runsOf(late)).toEqual([])
    await run('2041-01-10T08:00:00Z')
    expect(await runsOf(late)).toHaveLength(1)
    expect(await tasksOf(kiri)).toEqual([{ title: 'Call Kiri', assignee_id: east.doula.id, due_on: '2041-01-10' }])
    expect(await tasksOf(lucy)).toEqual([{ title: 'Call Lucy', assignee_id: west.doula.id, due_on: '2041-01-10' }])
  })

  it('skips archived and completed journeys and milestones marked done before their date, and says why', async () => {
    const arch = await newClient(a, 'Arch')
    const comp = await newClient(a, 'Comp')
    const done = await newClient(a, 'Dana')
    const m1 = await milestone(arch, '2042-02-01', { action: 'create_task', title: 'Never' })
    const m2 = await milestone(comp, '2042-02-01', { action: 'send_message', message: 'Never' })
    const m3 = await milestone(done, '2042-02-01', { action: 'send_message', message: 'Never' })
    await sql`update public.journeys set status = 'archived' where id = ${arch.journeyId}`
    await sql`update public.journeys set status = 'complete' where id = ${comp.journeyId}`
    await sql`update public.milestones set done_at = '2042-01-20T12:00:00Z' where id = ${m3}`

    await run('2042-02-02T12:00:00Z')
    await run('2042-02-03T12:00:00Z')
    expect(await runsOf(m1)).toEqual([{ state: 'skipped', detail: 'Her journey was archived or completed.', source: 'due_date' }])
    expect(await runsOf(m2)).toEqual([{ state: 'skipped', detail: 'Her journey was archived or completed.', source: 'due_date' }])
    expect(await runsOf(m3)).toEqual([{ state: 'skipped', detail: 'The milestone was marked done before its date.', source: 'due_date' }])
    expect(await tasksOf(arch)).toEqual([])
    expect(await messagesOf(comp)).toEqual([])
    expect(await messagesOf(done)).toEqual([])
  })

  it('sends a form through the paperwork service, and gives a to-do to the primary doula or says it has none', async () => {
    const her = await createUser(sql, { fullName: 'Fay Client' })
    const fay = await newClient(a, 'Fay', her)
    const nobody = await createClientRecord(sql, a.id, null, 'Nobody')
    const form = await milestone(fay, '2043-04-01', { action: 'send_form', formId })
    const task = await milestone(fay, '2043-04-01', { action: 'create_task', title: 'Bring the TENS unit' }, 'Birth kit')
    const orphan = await milestone(nobody, '2043-04-01', { action: 'create_task', title: 'Who calls her?' })

    expect(await run('2043-04-01T12:00:00Z')).toMatchObject({ sent: 1 })
    expect(await runsOf(form)).toEqual([{ state: 'done', detail: null, source: 'due_date' }])
    const requests = await sql`select r.template_id from public.form_requests r join public.automation_runs u on u.form_request_id = r.id where u.milestone_id = ${form}`
    expect(requests).toEqual([{ template_id: formId }])
    expect(await tasksOf(fay)).toEqual([{ title: 'Bring the TENS unit', assignee_id: a.doula.id, due_on: '2043-04-01' }])
    expect(await runsOf(task)).toEqual([{ state: 'done', detail: null, source: 'due_date' }])
    expect(await tasksOf(nobody)).toEqual([{ title: 'Who calls her?', assignee_id: null, due_on: '2043-04-01' }])
    expect(await runsOf(orphan)).toEqual([{ state: 'done', detail: 'Her journey has no primary doula, so the to-do is unassigned.', source: 'due_date' }])
    await run('2043-04-02T12:00:00Z')
    expect(await sql`select 1 from public.form_requests where client_id = ${fay.id}`).toHaveLength(1)
  })

  it('runs on the new date when the milestone moves before it ran; a deleted one never runs; history outlives the milestone', async () => {
    const mo = await newClient(a, 'Mo')
    const moved = await milestone(mo, '2044-05-01', { action: 'create_task', title: 'Moved' })
    const gone = await milestone(mo, '2044-05-01', { action: 'create_task', title: 'Gone' })
    await a.doulaDb.from('milestones').update({ due_on: '2044-05-08' }).eq('id', moved).throwOnError()
    await a.doulaDb.from('milestones').delete().eq('id', gone).throwOnError()

    await run('2044-05-02T12:00:00Z')
    expect(await runsOf(moved)).toEqual([])
    expect(await tasksOf(mo)).toEqual([])
    await run('2044-05-08T12:00:00Z')
    expect(await tasksOf(mo)).toEqual([{ title: 'Moved', assignee_id: a.doula.id, due_on: '2044-05-08' }])

    await a.doulaDb.from('milestones').delete().eq('id', moved).throwOnError()
    expect((await listRuns(a.doulaDb, a.id, mo.journeyId)).map((r) => [r.what, r.milestoneTitle, r.milestoneDueOn, r.state])).toEqual([
      ['To-do: Moved', 'Bag packed', '2044-05-08', 'done'],
    ])
  })

  it('skips an action whose date had passed when its milestone was planned, but acts when the date arrives after planning', async () => {
    const late = await newClient(a, 'Late Booker')
    const planned = await newClient(a, 'Planned Early')
    const already = await milestone(late, '2026-01-05', { action: 'send_message', message: 'Your 36-week visit is this week.' })
    const arrived = await milestone(planned, '2026-01-05', { action: 'create_task', title: 'Call her' }, 'Bag packed', '2025-12-01T12:00:00Z')

    await run('2026-01-06T12:00:00Z')
    expect(await runsOf(already)).toEqual([
      { state: 'skipped', detail: 'Its date had passed before it was planned (she booked late, or was imported).', source: 'due_date' },
    ])
    expect(await messagesOf(late)).toEqual([])
    expect(await runsOf(arrived)).toEqual([{ state: 'done', detail: null, source: 'due_date' }])
    expect(await tasksOf(planned)).toEqual([{ title: 'Call her', assignee_id: a.doula.id, due_on: '2026-01-05' }])
  })

  it('keeps a status rule’s history after the rule is removed, shown as a removed rule’s', async () => {
    const rule = await addRule(a.ownerDb, a.id, { onStatus: 'postpartum', action: 'create_task', templateId: '', taskTitle: 'Postpartum call' })
    const pia = await newClient(a, 'Pia')
    await sql`update public.journeys set status = 'postpartum' where id = ${pia.journeyId}`
    expect((await listRuns(a.ownerDb, a.id, pia.journeyId)).map((r) => [r.what, r.onStatus, r.ruleRemoved])).toEqual([['To-do: Postpartum call', 'postpartum', false]])
    await removeRule(a.ownerDb, a.id, { ruleId: rule.id })
    expect((await listRuns(a.ownerDb, a.id, pia.journeyId)).map((r) => [r.what, r.onStatus, r.ruleRemoved, r.state])).toEqual([
      ['To-do: Postpartum call', 'postpartum', true, 'done'],
    ])
  })

  it('records a send that fails unexpectedly as failed with a reason, never as done without a form', async () => {
    const her = await createUser(sql, { fullName: 'Bea Client' })
    const bea = await newClient(a, 'Bea', her)
    // A template row the paperwork reader cannot parse (the database accepts it): the send throws a non-AppError.
    const [broken] = await sql<{ id: string }[]>`
      insert into public.form_templates (practice_id, name, kind, fields)
      values (${a.id}, 'Broken', 'intake', ${sql.json([{ id: 'q', type: 'short_text', label: 'Q', required: 'yes' }])}) returning id`
    const id = await milestone(bea, '2045-06-01', { action: 'send_form', formId: broken!.id })
    const rule = await addRule(a.ownerDb, a.id, { onStatus: 'consult', action: 'send_form', templateId: broken!.id, taskTitle: '' })
    await sql`update public.journeys set status = 'consult' where id = ${bea.journeyId}`

    expect(await run('2045-06-01T12:00:00Z')).toMatchObject({ failed: 2, sent: 0 })
    const runs = await listRuns(a.ownerDb, a.id, bea.journeyId)
    expect(runs.map((r) => [r.source, r.state, r.detail])).toEqual([
      ['status_rule', 'failed', 'Sending failed unexpectedly. Send the form from her page.'],
      ['due_date', 'failed', 'Sending failed unexpectedly. Send the form from her page.'],
    ])
    expect(await runsOf(id)).toHaveLength(1)
    expect(await sql`select 1 from public.form_requests where client_id = ${bea.id}`).toEqual([])
    await removeRule(a.ownerDb, a.id, { ruleId: rule.id })
  })

  it('says so when the form it was to send was deleted before its date', async () => {
    const her = await createUser(sql, { fullName: 'Gia Client' })
    const gia = await newClient(a, 'Gia', her)
    const doomed = await newFormTemplate(sql, a.id)
    const id = await milestone(gia, '2045-09-01', { action: 'send_form', formId: doomed })
    await sql`delete from public.form_templates where id = ${doomed}`
    await run('2045-09-01T12:00:00Z')
    expect(await runsOf(id)).toEqual([{ state: 'failed', detail: 'The form to send was deleted.', source: 'due_date' }])
    expect(await sql`select 1 from public.form_requests where client_id = ${gia.id}`).toEqual([])
  })

  it('leaves a milestone whose client is being erased for the next run, and still acts on the others', async () => {
    const gone = await newClient(a, 'Erased')
    const kept = await newClient(a, 'Kept')
    const blocked = await milestone(gone, '2046-07-01', { action: 'send_message', message: 'Hello' })
    const fine = await milestone(kept, '2046-07-01', { action: 'send_message', message: 'Hello' })
    const [job] = await sql<{ id: string }[]>`
      insert into private.practice_deletions (scope, subject_hash, practice_id, client_id, counts, files_total)
      values ('client', ${'a'.repeat(64)}, ${a.id}, ${gone.id}, '{}', 0) returning id`
    try {
      await run('2046-07-01T12:00:00Z')
      expect(await runsOf(fine)).toEqual([{ state: 'done', detail: null, source: 'due_date' }])
      expect(await runsOf(blocked)).toEqual([])
      expect(await sql`select action_fired_at from public.milestones where id = ${blocked}`).toEqual([{ action_fired_at: null }])
      expect(await messagesOf(gone)).toEqual([])
    } finally {
      await sql`delete from private.practice_deletions where id = ${job!.id}`
    }
  })

  it('finds what is due with one query on the partial index of actions not yet run', async () => {
    const [fn] = await sql<{ src: string }[]>`select prosrc as src from pg_proc where proname = 'due_milestone_automations'`
    const body = fn!.src.replaceAll('p_now', "'2046-01-01T00:00:00Z'::timestamptz").replaceAll('p_limit', '200')
    const plan = await sql.begin(async (tx) => {
      // The suite's tables are tiny, so a sequential scan would win; the point is that the index serves the query.
      await tx`set local enable_seqscan = off`
      return tx.unsafe(`explain (format json) ${body}`)
    })
    expect(JSON.stringify(plan)).toContain('milestones_action_due_idx')
  })
})
