'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { Eye, Pencil, Plus } from 'lucide-react'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useFieldArray, useWatch } from 'react-hook-form'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { Card, CardContent } from '@/components/ui/card'
import { FieldError } from '@/components/ui/field-error'
import { inputClassName, labelClassName } from '@/components/ui/field-styles'
import { StatusMessage } from '@/components/ui/status-message'
import { cn } from '@/components/ui/cn'
import { saveFormTemplateAction } from '@/lib/paperwork/actions'
import { FIELD_TYPE_LABELS, FIELD_TYPES, type FieldType } from '@/lib/paperwork/fields'
import { newFieldId, TemplateSchema, type TemplateInput } from '@/lib/paperwork/template.schema'
import { selectClassName } from '../../../_components/select-field'
import { BodyEditor } from './body-editor'
import { FieldEditor } from './field-editor'
import { TemplatePreview } from './template-preview'

/**
 * The form builder: name, introduction, an agreement's text, and the questions in order (add,
 * edit, reorder with buttons or Alt+arrow keys, remove), with a preview of what the client sees.
 * Saving creates a new version; forms already sent keep theirs.
 */
export function TemplateBuilder({ initial, version }: { initial: TemplateInput; version: number | null }) {
  const router = useRouter()
  const [tab, setTab] = useState<'edit' | 'preview'>('edit')
  const [newType, setNewType] = useState<FieldType>('short_text')
  const [announcement, setAnnouncement] = useState('')
  const { form, action: save } = useHookFormAction(saveFormTemplateAction, zodResolver(TemplateSchema), {
    formProps: { defaultValues: initial },
    actionProps: {
      onSuccess({ data }) {
        form.reset(form.getValues())
        if (!initial.templateId && data) router.replace(`/dashboard/settings/forms/${data.templateId}`)
      },
    },
  })
  const fields = useFieldArray({ control: form.control, name: 'fields', keyName: 'key' })
  const values = useWatch({ control: form.control }) as TemplateInput
  const kind = initial.kind
  const errors = form.formState.errors

  /**
   * Moves a question and keeps focus on the control that moved it: React may re-insert the moved
   * card's DOM node, which drops focus, and ids follow the position, so the same control is found
   * at its new place (the other arrow when this one is now disabled).
   */
  const move = (from: number, to: number) => {
    const focused = document.activeElement
    const prefix = `field-${from}-`
    const suffix = focused?.id.startsWith(prefix) ? focused.id.slice(prefix.length) : 'label'
    fields.move(from, to)
    setAnnouncement(`Moved question ${from + 1} to position ${to + 1} of ${fields.fields.length}.`)
    requestAnimationFrame(() => {
      let target = document.getElementById(`field-${to}-${suffix}`)
      if (target instanceof HTMLButtonElement && target.disabled) target = document.getElementById(`field-${to}-${suffix === 'up' ? 'down' : 'up'}`)
      target?.focus()
    })
  }
  const add = () => {
    fields.append({ id: newFieldId(), type: newType, label: '', help: '', required: false, options: '', mapsTo: '' }, { focusName: `fields.${fields.fields.length}.label` })
    setAnnouncement(`Added a ${FIELD_TYPE_LABELS[newType].toLowerCase()} as question ${fields.fields.length + 1}.`)
  }

  return (
    <form noValidate className="flex flex-col gap-6" onSubmit={form.handleSubmit(() => save.execute(form.getValues()), () => setTab('edit'))} data-test="template-builder">
      <div role="tablist" aria-label="Builder" className="inline-flex w-fit rounded-lg border border-border bg-card p-1">
        {(['edit', 'preview'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`builder-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`builder-panel-${t}`}
            onClick={() => setTab(t)}
            className={cn(
              'inline-flex h-9 items-center gap-2 rounded-md px-4 text-sm font-medium',
              tab === t ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:text-foreground',
            )}
            data-test={`builder-tab-${t}`}
          >
            {t === 'edit' ? <Pencil aria-hidden className="size-4" /> : <Eye aria-hidden className="size-4" />}
            {t === 'edit' ? 'Edit' : 'Preview'}
          </button>
        ))}
      </div>

      <div id="builder-panel-edit" role="tabpanel" aria-labelledby="builder-tab-edit" hidden={tab !== 'edit'} className="flex flex-col gap-6">
        <Card>
          <CardContent className="flex flex-col gap-4 p-4 sm:p-6">
            <FormField id="template-name" label="Name" maxLength={200} error={errors.name?.message} {...form.register('name')} data-test="template-name" />
            <div className="flex flex-col gap-1.5">
              <label htmlFor="template-description" className={labelClassName}>
                Introduction for her (optional)
              </label>
              <textarea id="template-description" rows={2} maxLength={2000} className={cn(inputClassName, 'h-auto py-2')} {...form.register('description')} />
              <FieldError id="template-description-error" message={errors.description?.message} />
            </div>
          </CardContent>
        </Card>

        {kind === 'agreement' ? (
          <Card>
            <CardContent className="p-4 sm:p-6">
              <BodyEditor form={form} />
            </CardContent>
          </Card>
        ) : null}

        <section aria-labelledby="builder-questions" className="flex flex-col gap-3">
          <h2 id="builder-questions" className="text-base font-semibold">
            {kind === 'agreement' ? 'Questions she answers when she signs (optional)' : 'Questions'}
          </h2>
          <p className="text-sm text-muted-foreground">Move a question with its arrow buttons, or press Alt and an arrow key while you are in it.</p>
          {fields.fields.length > 0 ? (
            <ol className="flex flex-col gap-3" data-test="builder-fields">
              {fields.fields.map((f, index) => (
                <FieldEditor
                  key={f.key}
                  form={form}
                  index={index}
                  count={fields.fields.length}
                  kind={kind}
                  onMove={move}
                  onRemove={(i) => {
                    fields.remove(i)
                    setAnnouncement(`Removed question ${i + 1}.`)
                  }}
                />
              ))}
            </ol>
          ) : (
            <p className="rounded-lg border border-dashed border-input p-4 text-sm text-muted-foreground">No questions yet.</p>
          )}
          <FieldError id="builder-fields-error" message={errors.fields?.message ?? errors.fields?.root?.message} />
          <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <div className="flex flex-col gap-1.5 sm:w-56">
              <label htmlFor="builder-new-type" className={labelClassName}>
                Kind of question
              </label>
              <select id="builder-new-type" className={selectClassName} value={newType} onChange={(e) => setNewType(e.target.value as FieldType)} data-test="builder-new-type">
                {FIELD_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {FIELD_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            </div>
            <Button variant="outline" className="h-11" onClick={add} data-test="builder-add">
              <Plus aria-hidden /> Add a question
            </Button>
          </div>
        </section>
      </div>

      <div id="builder-panel-preview" role="tabpanel" aria-labelledby="builder-tab-preview" hidden={tab !== 'preview'}>
        {tab === 'preview' ? <TemplatePreview values={values} /> : null}
      </div>

      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <div className="sticky bottom-0 z-10 -mx-4 flex flex-col gap-2 border-t border-border bg-background/95 px-4 py-3 backdrop-blur sm:flex-row sm:items-center sm:justify-between md:mx-0 md:px-0">
        <div className="text-sm text-muted-foreground" role="status" data-test="builder-status">
          {save.hasSucceeded && save.result.data
            ? `Saved as version ${save.result.data.version}. Forms you sent before keep the version they were sent with.`
            : version
              ? `Version ${version}${form.formState.isDirty ? ' · unsaved changes' : ''}`
              : 'Not saved yet'}
        </div>
        {save.result.serverError ? <StatusMessage tone="error">{save.result.serverError}</StatusMessage> : null}
        {form.formState.isSubmitted && Object.keys(errors).length > 0 ? <StatusMessage tone="error">Some fields need a look: they are marked above.</StatusMessage> : null}
        <Button type="submit" disabled={save.isPending} data-test="builder-save">
          {save.isPending ? 'Saving…' : 'Save the form'}
        </Button>
      </div>
    </form>
  )
}
