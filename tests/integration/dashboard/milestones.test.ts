import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listMilestones } from '../../../lib/clients/queries.ts'
import { createClient } from '../../../lib/clients/save-client.service.ts'
import { addDays } from '../../../lib/dates/calendar-date.ts'
import { startJourney } from '../../../lib/journeys/journey.service.ts'
import { deleteMilestone, saveMilestone, setMilestoneDone, setMilestoneShared } from '../../../lib/milestones/milestones.service.ts'
import type { SaveMilestoneInput } from '../../../lib/milestones/milestone.schema.ts'
import type { SaveTemplateItemInput } from '../../../lib/milestones/template.schema.ts'
import { listTemplate, moveTemplateItem, removeTemplateItem, saveTemplateItem } from '../../../lib/milestones/template.service.ts'
import { listSharedMilestones } from '../../../lib/portal/queries.ts'
import { DEFAULT_MILESTONE_TEMPLATE } from '../../../lib/pregnancy/milestones.ts'
import type { Db } from '../../../lib/server/db.ts'
import { createUser, type TestUser } from '../../helpers/personas.ts'
import { superuser } from '../../helpers/stack.ts'
import { addMember } from '../../helpers/world.ts'
import { clientForm, dayFromToday, dbAs, fieldErrorsOf, newPractice, type PracticeFixture } from './fixtures.ts'

const sql = superuser()
let a: PracticeFixture
let b: PracticeFixture
let adminDb: Db
/** A client of A with a portal login, her journey and her own supabase-js client. */
let her: { user: TestUser; clientId: string; journeyId: string; db: Db }

const countMilestones = async (journeyId: string) =>
  Number((await sql<{ n: string }[]>`select count(*) as n from public.milestones where journey_id = ${journeyId}`)[0]!.n)

const templateTitles = async (practiceId: string) =>
  (await sql<{ title: string }[]>`select title from public.milestone_template_items where practice_id = ${practiceId} order by position, created_at`).map((r) => r.title)

function milestoneInput(overrides: Partial<SaveMilestoneInput> = {}): SaveMilestoneInput {
  return { journeyId: her.journeyId, title: 'Hospital tour', dueOn: dayFromToday(30), kind: 'prenatal', sharedWithClient: false, ...overrides }
}

function itemInput(overrides: Partial<SaveTemplateItemInput> = {}): SaveTemplateItemInput {
  return { title: 'Hospital tour', kind: 'prenatal', timing: 'weeks_pregnant', amount: '30', sharedWithClient: true, ...overrides }
}

beforeAll(async () => {
  a = await newPractice(sql, 'Milestones A')
  b = await newPractice(sql, 'Milestones B')
  const admin = await createUser(sql, { fullName: 'Milestones A Admin' })
  await addMember(sql, a.id, admin, 'admin')
  adminDb = await dbAs(admin)
  const user = await createUser(sql, { fullName: 'Portal Client' })
  const { clientId, journeyId } = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Rosa', email: user.email, dueDate: dayFromToday(100) }))
  await sql`update public.clients set portal_user_id = ${user.id} where id = ${clientId}`
  her = { user, clientId, journeyId, db: await dbAs(user) }
})
afterAll(() => sql.end())

describe("a client's milestones", () => {
  it('adds a custom milestone, edits its title, date and kind, and deletes it', async () => {
    const { milestoneId } = await saveMilestone(a.doulaDb, a.id, milestoneInput())
    let row = (await listMilestones(a.doulaDb, a.id, her.clientId)).find((m) => m.id === milestoneId)
    expect(row).toMatchObject({ title: 'Hospital tour', kind: 'prenatal', due_on: dayFromToday(30), shared_with_client: false, done_at: null })

    await saveMilestone(a.doulaDb, a.id, milestoneInput({ milestoneId, title: '  Birth center tour ', dueOn: dayFromToday(35), kind: 'admin' }))
    row = (await listMilestones(a.doulaDb, a.id, her.clientId)).find((m) => m.id === milestoneId)
    expect(row).toMatchObject({ title: 'Birth center tour', kind: 'admin', due_on: dayFromToday(35) })

    await saveMilestone(a.doulaDb, a.id, milestoneInput({ milestoneId, dueOn: '' }))
    row = (await listMilestones(a.doulaDb, a.id, her.clientId)).find((m) => m.id === milestoneId)
    expect(row?.due_on).toBeNull()

    const before = await countMilestones(her.journeyId)
    await deleteMilestone(a.doulaDb, a.id, { milestoneId })
    expect(await countMilestones(her.journeyId)).toBe(before - 1)
    await expect(deleteMilestone(a.doulaDb, a.id, { milestoneId })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('marks a milestone done and undoes it', async () => {
    const { milestoneId } = await saveMilestone(a.doulaDb, a.id, milestoneInput({ title: 'Doula bag checked' }))
    const started = Date.now()
    await setMilestoneDone(a.doulaDb, a.id, { milestoneId, done: true })
    const [done] = await sql<{ done_at: Date | null }[]>`select done_at from public.milestones where id = ${milestoneId}`
    expect(done!.done_at!.getTime()).toBeGreaterThanOrEqual(started - 5_000)
    await setMilestoneDone(a.doulaDb, a.id, { milestoneId, done: false })
    const [undone] = await sql<{ done_at: Date | null }[]>`select done_at from public.milestones where id = ${milestoneId}`
    expect(undone!.done_at).toBeNull()
  })

  it('shows a shared milestone to her through her own login, and hides it again when unshared', async () => {
    const { milestoneId } = await saveMilestone(a.doulaDb, a.id, milestoneInput({ title: 'Breastfeeding class' }))
    const hersNow = async () => {
      // No shared_with_client filter here: what she reads is decided by RLS alone.
      const { data, error } = await her.db.from('milestones').select('id').eq('journey_id', her.journeyId)
      if (error) throw error
      return data.map((m) => m.id)
    }
    expect(await hersNow()).not.toContain(milestoneId)

    await setMilestoneShared(a.doulaDb, a.id, { milestoneId, shared: true })
    expect(await hersNow()).toContain(milestoneId)
    expect((await listSharedMilestones(her.db, { practiceId: a.id, clientId: her.clientId })).map((m) => m.title)).toContain('Breastfeeding class')

    await setMilestoneShared(a.doulaDb, a.id, { milestoneId, shared: false })
    expect(await hersNow()).not.toContain(milestoneId)
    // She cannot share it with herself either.
    const { data } = await her.db.from('milestones').update({ shared_with_client: true }).eq('id', milestoneId).select('id')
    expect(data).toEqual([])
  })

  it('refuses bad input on its fields, saving nothing', async () => {
    const before = await countMilestones(her.journeyId)
    expect(await fieldErrorsOf(() => saveMilestone(a.doulaDb, a.id, milestoneInput({ title: '   ', dueOn: '2027-02-30' })))).toEqual({
      title: 'Give the milestone a name.',
      dueOn: 'Enter a real date, like 2027-03-14.',
    })
    expect(await fieldErrorsOf(() => saveMilestone(a.doulaDb, a.id, milestoneInput({ dueOn: '1899-01-01' })))).toEqual({
      dueOn: 'Check the year: that date is too far from today.',
    })
    expect(await fieldErrorsOf(() => saveMilestone(a.doulaDb, a.id, { ...milestoneInput(), kind: 'party' }))).toEqual({
      kind: 'Choose what kind of milestone this is.',
    })
    expect(await fieldErrorsOf(() => saveMilestone(a.doulaDb, a.id, milestoneInput({ title: 'x'.repeat(201) })))).toEqual({
      title: 'Please shorten the name to 200 characters.',
    })
    expect(await countMilestones(her.journeyId)).toBe(before)
  })

  it("gives another practice's doula `not_found` for every action, changing nothing", async () => {
    const { milestoneId } = await saveMilestone(a.doulaDb, a.id, milestoneInput({ title: 'Private plan' }))
    for (const practiceId of [b.id, a.id]) {
      await expect(saveMilestone(b.doulaDb, practiceId, milestoneInput({ title: 'Intruder' }))).rejects.toMatchObject({ code: 'not_found' })
      await expect(saveMilestone(b.doulaDb, practiceId, milestoneInput({ milestoneId, title: 'Renamed' }))).rejects.toMatchObject({ code: 'not_found' })
      await expect(setMilestoneDone(b.doulaDb, practiceId, { milestoneId, done: true })).rejects.toMatchObject({ code: 'not_found' })
      await expect(setMilestoneShared(b.doulaDb, practiceId, { milestoneId, shared: true })).rejects.toMatchObject({ code: 'not_found' })
      await expect(deleteMilestone(b.doulaDb, practiceId, { milestoneId })).rejects.toMatchObject({ code: 'not_found' })
    }
    // A's own doula naming B as the practice does not reach A's row either.
    await expect(setMilestoneDone(a.doulaDb, b.id, { milestoneId, done: true })).rejects.toMatchObject({ code: 'not_found' })
    const [row] = await sql`select title, done_at, shared_with_client from public.milestones where id = ${milestoneId}`
    expect(row).toEqual({ title: 'Private plan', done_at: null, shared_with_client: false })
    expect(await templateTitles(a.id)).not.toContain('Intruder')
  })
})

describe("the practice's milestone template", () => {
  it('starts every practice with the default template, the same list the app states', async () => {
    const template = await listTemplate(a.doulaDb, a.id)
    expect(template.map(({ title, kind, offsetDays, sharedWithClient }) => ({ title, kind, offsetDays, sharedWithClient }))).toEqual(
      DEFAULT_MILESTONE_TEMPLATE,
    )
  })

  it('lets owners and admins add, edit, reorder and remove items, and new journeys follow the edited template', async () => {
    const { itemId: tour } = await saveTemplateItem(a.ownerDb, a.id, itemInput())
    const { itemId: meal } = await saveTemplateItem(adminDb, a.id, itemInput({ title: 'Meal train set up', kind: 'postpartum', timing: 'days_after_due', amount: '3', sharedWithClient: false }))
    const defaults = await listTemplate(a.ownerDb, a.id)
    const second = defaults.find((i) => i.title === 'Second prenatal visit')!
    const consult = defaults.find((i) => i.title === 'Consultation and service agreement')!
    await saveTemplateItem(a.ownerDb, a.id, itemInput({ itemId: second.id, title: 'Second visit at home', kind: 'prenatal', timing: 'days_before_due', amount: '45' }))
    await removeTemplateItem(adminDb, a.id, { itemId: consult.id })

    await moveTemplateItem(a.ownerDb, a.id, { itemId: meal, direction: 'up' })
    const titles = await templateTitles(a.id)
    expect(titles.slice(-2)).toEqual(['Meal train set up', 'Hospital tour'])
    const [top] = await listTemplate(a.ownerDb, a.id)
    // The first item cannot move further up: nothing changes.
    await moveTemplateItem(a.ownerDb, a.id, { itemId: top!.id, direction: 'up' })
    expect(await templateTitles(a.id)).toEqual(titles)
    expect(titles[0]).toBe('First prenatal visit')
    await moveTemplateItem(a.ownerDb, a.id, { itemId: tour, direction: 'down' })
    expect(await templateTitles(a.id)).toEqual(titles)
    expect(titles).not.toContain('Consultation and service agreement')

    const due = dayFromToday(150)
    const created = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Templated', dueDate: due }))
    const milestones = await listMilestones(a.doulaDb, a.id, created.clientId)
    expect(milestones.map((m) => m.title).sort()).toEqual([...titles].sort())
    expect(milestones.find((m) => m.title === 'Hospital tour')).toMatchObject({ due_on: addDays(due, -70), kind: 'prenatal', shared_with_client: true })
    expect(milestones.find((m) => m.title === 'Meal train set up')).toMatchObject({ due_on: addDays(due, 3), kind: 'postpartum', shared_with_client: false })
    expect(milestones.find((m) => m.title === 'Second visit at home')?.due_on).toBe(addDays(due, -45))

    // A returning client's new journey follows it too; B's template is untouched.
    const returning = await createClient(a.doulaDb, a.settings, clientForm({ firstName: 'Returning', dueDate: '', status: 'complete' }))
    const { journeyId } = await startJourney(a.doulaDb, a.settings, { clientId: returning.clientId, dueDate: due })
    expect((await listMilestones(a.doulaDb, a.id, returning.clientId)).filter((m) => m.journey_id === journeyId).map((m) => m.title).sort()).toEqual([...titles].sort())
    expect(await templateTitles(b.id)).toEqual(DEFAULT_MILESTONE_TEMPLATE.map((t) => t.title))
  })

  it('an empty template plans no milestones', async () => {
    const c = await newPractice(sql, 'Milestones C')
    for (const item of await listTemplate(c.ownerDb, c.id)) await removeTemplateItem(c.ownerDb, c.id, { itemId: item.id })
    const created = await createClient(c.doulaDb, c.settings, clientForm({ dueDate: dayFromToday(80) }))
    expect(await listMilestones(c.doulaDb, c.id, created.clientId)).toEqual([])
  })

  it('lets doulas read the template but refuses their changes with `forbidden`', async () => {
    const [first] = await listTemplate(a.doulaDb, a.id)
    expect(first).toBeDefined()
    const before = await templateTitles(a.id)
    await expect(saveTemplateItem(a.doulaDb, a.id, itemInput({ title: 'Doula item' }))).rejects.toMatchObject({ code: 'forbidden' })
    await expect(saveTemplateItem(a.doulaDb, a.id, itemInput({ itemId: first!.id, title: 'Doula edit' }))).rejects.toMatchObject({ code: 'forbidden' })
    await expect(removeTemplateItem(a.doulaDb, a.id, { itemId: first!.id })).rejects.toMatchObject({ code: 'forbidden' })
    await expect(moveTemplateItem(a.doulaDb, a.id, { itemId: first!.id, direction: 'down' })).rejects.toMatchObject({ code: 'forbidden' })
    expect(await templateTitles(a.id)).toEqual(before)
  })

  it("gives another practice `not_found` for A's items", async () => {
    const [first] = await listTemplate(a.doulaDb, a.id)
    const before = await templateTitles(a.id)
    await expect(listTemplate(b.ownerDb, a.id)).resolves.toEqual([])
    for (const practiceId of [a.id, b.id]) {
      await expect(saveTemplateItem(b.ownerDb, practiceId, itemInput({ itemId: first!.id, title: 'Hijacked' }))).rejects.toMatchObject({ code: 'not_found' })
      await expect(removeTemplateItem(b.ownerDb, practiceId, { itemId: first!.id })).rejects.toMatchObject({ code: 'not_found' })
      await expect(moveTemplateItem(b.ownerDb, practiceId, { itemId: first!.id, direction: 'down' })).rejects.toMatchObject({ code: 'not_found' })
    }
    await expect(saveTemplateItem(b.ownerDb, a.id, itemInput({ title: 'Planted' }))).rejects.toMatchObject({ code: 'not_found' })
    expect(await templateTitles(a.id)).toEqual(before)
  })

  it('refuses bad items on their fields, saving nothing', async () => {
    const before = await templateTitles(a.id)
    expect(await fieldErrorsOf(() => saveTemplateItem(a.ownerDb, a.id, itemInput({ title: '', amount: '41' })))).toEqual({
      title: 'Give the milestone a name.',
      amount: 'Enter a week from 1 to 40.',
    })
    expect(await fieldErrorsOf(() => saveTemplateItem(a.ownerDb, a.id, itemInput({ timing: 'days_after_due', amount: '400' })))).toEqual({
      amount: 'Enter a number of days from 0 to 365.',
    })
    expect(await fieldErrorsOf(() => saveTemplateItem(a.ownerDb, a.id, { ...itemInput(), timing: 'someday' }))).toMatchObject({
      timing: 'Choose when it happens.',
    })
    expect(await templateTitles(a.id)).toEqual(before)
  })

  it('records template changes in the audit log', async () => {
    const { itemId } = await saveTemplateItem(a.ownerDb, a.id, itemInput({ title: 'Audited item' }))
    await removeTemplateItem(a.ownerDb, a.id, { itemId })
    const rows = await sql<{ action: string; actor_role: string }[]>`
      select action, actor_role from public.audit_log
      where practice_id = ${a.id} and entity = 'milestone_template_items' and entity_id = ${itemId} order by id`
    expect(rows).toEqual([
      { action: 'insert', actor_role: 'owner' },
      { action: 'delete', actor_role: 'owner' },
    ])
  })
})
