import { z } from 'zod'
import { unknownMergeFields } from './agreement-text'
import {
  FIELD_ID,
  FIELD_TYPES,
  FORM_KINDS,
  isChoiceType,
  RECORD_TARGET_LABELS,
  RECORD_TARGETS,
  TARGET_FIELD_TYPES,
  type FormField,
} from './fields'

export const MAX_FIELDS = 200
export const MAX_OPTIONS = 50

/** One field as the builder edits it: choices one per line in a text box, no link to the record as ''. */
export const BuilderFieldSchema = z
  .object({
    id: z.string().regex(FIELD_ID, 'This field has a broken id: remove it and add it again.'),
    type: z.enum(FIELD_TYPES, 'Choose a kind of field.'),
    label: z.string().trim().min(1, 'Write the question (or the heading).').max(500, 'Please keep this under 500 characters.'),
    help: z.string().trim().max(500, 'Please keep the help text under 500 characters.'),
    required: z.boolean(),
    options: z.string().max(10_000, 'That is too many choices.'),
    mapsTo: z.enum(['', ...RECORD_TARGETS]),
  })
  .superRefine((field, ctx) => {
    if (isChoiceType(field.type)) {
      const options = choiceLines(field.options)
      if (options.length === 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Add at least one choice, one per line.' })
      if (options.length > MAX_OPTIONS) ctx.addIssue({ code: 'custom', path: ['options'], message: `Keep it to ${MAX_OPTIONS} choices.` })
      if (options.some((o) => o.length > 200)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Keep each choice under 200 characters.' })
      if (new Set(options).size !== options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Each choice can appear only once.' })
    }
    if (field.mapsTo !== '' && !TARGET_FIELD_TYPES[field.mapsTo].includes(field.type)) {
      ctx.addIssue({
        code: 'custom',
        path: ['mapsTo'],
        message: `${RECORD_TARGET_LABELS[field.mapsTo]} cannot come from a field of this kind.`,
      })
    }
  })
export type BuilderField = z.input<typeof BuilderFieldSchema>

/** The choices typed into the builder's box, trimmed, blank lines dropped. */
export const choiceLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')

/** The builder's form and the save action's input: one schema for both ends. */
export const TemplateSchema = z
  .object({
    templateId: z.uuid().optional(),
    kind: z.enum(FORM_KINDS),
    name: z.string().trim().min(1, 'Give the form a name.').max(200, 'Please keep the name under 200 characters.'),
    description: z.string().trim().max(2000, 'Please keep the introduction under 2,000 characters.'),
    body: z.string().max(60_000, 'Please keep the agreement under 60,000 characters.'),
    fields: z.array(BuilderFieldSchema).max(MAX_FIELDS, `A form can have up to ${MAX_FIELDS} fields.`),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>()
    t.fields.forEach((f, i) => {
      if (seen.has(f.id)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'id'], message: 'Two fields share an id: remove one and add it again.' })
      seen.add(f.id)
    })
    if (t.kind === 'agreement') {
      if (t.body.trim() === '') ctx.addIssue({ code: 'custom', path: ['body'], message: 'Write the text of the agreement.' })
      const unknown = unknownMergeFields(t.body)
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['body'],
          message: `Unknown merge field${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => `{{${u}}}`).join(', ')}. Use one from the list.`,
        })
      }
    } else if (t.fields.every((f) => f.type === 'heading')) {
      ctx.addIssue({ code: 'custom', path: ['fields'], message: 'Add at least one question.' })
    }
  })
export type TemplateInput = z.input<typeof TemplateSchema>
export type TemplateValues = z.output<typeof TemplateSchema>

/** The stored shape of a builder field (what the database checks and snapshots carry). */
export function toStoredField(field: z.output<typeof BuilderFieldSchema>): FormField {
  const stored: FormField = { id: field.id, type: field.type, label: field.label }
  if (field.help) stored.help = field.help
  if (field.type !== 'heading') stored.required = field.required
  if (isChoiceType(field.type)) stored.options = choiceLines(field.options)
  if (field.mapsTo !== '') stored.maps_to = field.mapsTo
  return stored
}

/** The builder's view of a stored field. */
export function toBuilderField(field: FormField): BuilderField {
  return {
    id: field.id,
    type: field.type,
    label: field.label,
    help: field.help ?? '',
    required: field.required ?? false,
    options: (field.options ?? []).join('\n'),
    mapsTo: field.maps_to ?? '',
  }
}

/** A fresh, key-safe field id: answers are stored under it, so it never changes once made. */
export function newFieldId(random: () => number = Math.random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  let id = 'f_'
  for (let i = 0; i < 10; i++) id += alphabet[Math.floor(random() * alphabet.length)]
  return id
}

export const ArchiveTemplateSchema = z.object({ templateId: z.uuid(), archived: z.boolean() })

export const COUNTERSIGNERS = ['admins', 'primary_doula'] as const
export const COUNTERSIGNER_LABELS: Record<(typeof COUNTERSIGNERS)[number], string> = {
  admins: 'The owner or an admin',
  primary_doula: 'Her primary doula (the owner or an admin when she has none)',
}

export const PaperworkSettingsSchema = z.object({
  countersigner: z.enum(COUNTERSIGNERS, 'Choose who countersigns.'),
  reminders: z.boolean(),
})
export type PaperworkSettingsInput = z.input<typeof PaperworkSettingsSchema>
