import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIELD_TYPES } from '@/lib/paperwork/fields'
import { getRequestDetail, getTemplateOrThrow, listTemplates } from '@/lib/paperwork/queries'
import { sendForm } from '@/lib/paperwork/send.service'
import { toBuilderField, type TemplateInput } from '@/lib/paperwork/template.schema'
import { getPaperworkSettings, savePaperworkSettings, saveTemplate, setTemplateArchived } from '@/lib/paperwork/templates.service'
import { superuser } from '../../helpers/stack.ts'
import { fieldErrorsOf } from '../dashboard/fixtures.ts'
import { paperworkWorld, type PaperworkWorld } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let w: PaperworkWorld
beforeAll(async () => {
  w = await paperworkWorld(sql, 'Builder Doulas')
})

/** A form with one field of every kind, as the builder submits it. */
function everyKind(name = 'Birth preferences'): TemplateInput {
  return {
    kind: 'intake',
    name,
    description: 'Tell us what matters to you.',
    body: '',
    fields: FIELD_TYPES.map((type, i) => ({
      id: `q_${i}`,
      type,
      label: type === 'heading' ? 'About the birth' : `Question ${i} (${type})`,
      help: i === 1 ? 'As much or as little as you like.' : '',
      required: i % 2 === 0,
      options: type === 'single_choice' || type === 'multiple_choice' ? 'Dim lights\nMusic\nWater birth' : '',
      mapsTo: type === 'date' ? 'due_date' : '',
    })),
  }
}

describe('form templates', () => {
  it('starts every practice with an intake form and a service agreement', async () => {
    const templates = await listTemplates(w.doulaDb, w.practice.practiceId)
    expect(templates.map((t) => [t.kind, t.name, t.version])).toEqual([
      ['agreement', 'Service agreement', 1],
      ['intake', 'Intake questionnaire', 1],
    ])
    expect(templates.find((t) => t.kind === 'intake')!.questions).toBeGreaterThan(15)
  })

  it('saves a form with every kind of field, and raises its version only when the content changes', async () => {
    const { templateId, version } = await saveTemplate(w.ownerDb, w.practice.practiceId, everyKind())
    expect(version).toBe(1)
    const saved = await getTemplateOrThrow(w.ownerDb, w.practice.practiceId, templateId)
    expect(saved.fields.map((f) => f.type)).toEqual([...FIELD_TYPES])
    expect(saved.fields.find((f) => f.type === 'single_choice')!.options).toEqual(['Dim lights', 'Music', 'Water birth'])
    expect(saved.fields.find((f) => f.type === 'date')!.maps_to).toBe('due_date')
    const same = await saveTemplate(w.ownerDb, w.practice.practiceId, { ...everyKind(), templateId })
    expect(same.version).toBe(1)
    const edited = await saveTemplate(w.ownerDb, w.practice.practiceId, { ...everyKind('Birth wishes'), templateId })
    expect(edited.version).toBe(2)
  })

  it('never changes a form already sent when its template is edited', async () => {
    const { templateId } = await saveTemplate(w.ownerDb, w.practice.practiceId, everyKind('Postpartum plan'))
    const { requestId } = await sendForm(w.ownerDb, w.practice, { clientId: w.record.id, templateId, note: '', dueOn: '', fee: '', partnerName: '', partnerEmail: '' })
    const template = await getTemplateOrThrow(w.ownerDb, w.practice.practiceId, templateId)
    const fields = template.fields.map(toBuilderField)
    fields[1] = { ...fields[1]!, label: 'A reworded question' }
    await saveTemplate(w.ownerDb, w.practice.practiceId, { kind: 'intake', templateId, name: 'Renamed plan', description: '', body: '', fields: fields.slice(0, 4) })
    const sent = (await getRequestDetail(w.clientDb, requestId))!
    expect(sent.snapshot).toMatchObject({ name: 'Postpartum plan', version: 1 })
    expect(sent.snapshot.fields).toHaveLength(FIELD_TYPES.length)
    expect(sent.snapshot.fields[1]!.label).toBe('Question 1 (long_text)')
  })

  it('lets only owners and admins change templates; another practice cannot even see them', async () => {
    await expect(saveTemplate(w.doulaDb, w.practice.practiceId, everyKind())).rejects.toMatchObject({ code: 'forbidden' })
    const template = (await listTemplates(w.ownerDb, w.practice.practiceId))[0]!
    await expect(setTemplateArchived(w.doulaDb, w.practice.practiceId, { templateId: template.id, archived: true })).rejects.toMatchObject({ code: 'forbidden' })
    const other = await paperworkWorld(sql, 'Other Builders')
    await expect(saveTemplate(other.ownerDb, w.practice.practiceId, { ...everyKind(), templateId: template.id })).rejects.toMatchObject({ code: 'not_found' })
    expect(await listTemplates(other.ownerDb, w.practice.practiceId)).toEqual([])
  })

  it('refuses bad forms with a message on the field', async () => {
    expect(await fieldErrorsOf(() => saveTemplate(w.ownerDb, w.practice.practiceId, { kind: 'agreement', name: 'Agreement', description: '', body: 'Hello {{client.shoe_size}}', fields: [] })))
      .toEqual({ body: 'Unknown merge field: {{client.shoe_size}}. Use one from the list.' })
    expect(await fieldErrorsOf(() => saveTemplate(w.ownerDb, w.practice.practiceId, { kind: 'intake', name: ' ', description: '', body: '', fields: [] })))
      .toMatchObject({ name: 'Give the form a name.' })
    const noOptions = everyKind()
    noOptions.fields = noOptions.fields.map((f) => ({ ...f, options: '' }))
    expect(await fieldErrorsOf(() => saveTemplate(w.ownerDb, w.practice.practiceId, noOptions))).toEqual({ fields: 'Add at least one choice, one per line.' })
  })

  it('archives a template so it is no longer offered for sending', async () => {
    const { templateId } = await saveTemplate(w.ownerDb, w.practice.practiceId, everyKind('Old form'))
    await setTemplateArchived(w.ownerDb, w.practice.practiceId, { templateId, archived: true })
    expect(await fieldErrorsOf(() => sendForm(w.ownerDb, w.practice, { clientId: w.record.id, templateId, note: '', dueOn: '', fee: '', partnerName: '', partnerEmail: '' })))
      .toEqual({ templateId: 'This form is archived. Choose another one.' })
  })

  it('keeps the paperwork settings, owners and admins only', async () => {
    expect(await getPaperworkSettings(w.doulaDb, w.practice.practiceId)).toEqual({ countersigner: 'admins', reminders: true })
    await savePaperworkSettings(w.ownerDb, w.practice.practiceId, { countersigner: 'primary_doula', reminders: false })
    expect(await getPaperworkSettings(w.doulaDb, w.practice.practiceId)).toEqual({ countersigner: 'primary_doula', reminders: false })
    await expect(savePaperworkSettings(w.doulaDb, w.practice.practiceId, { countersigner: 'admins', reminders: true })).rejects.toMatchObject({ code: 'forbidden' })
  })
})
