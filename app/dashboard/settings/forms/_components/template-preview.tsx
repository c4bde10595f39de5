'use client'
import { useMemo } from 'react'
import { useForm } from 'react-hook-form'
import { AgreementText } from '@/components/paperwork/agreement-text'
import { FormFields } from '@/components/paperwork/form-fields'
import { Card, CardContent } from '@/components/ui/card'
import { fillMergeFields, MERGE_FIELDS, MERGE_FIELD_NAMES, type MergeField } from '@/lib/paperwork/agreement-text'
import { formValuesFor, type FormValues } from '@/lib/paperwork/answers.schema'
import type { FormField } from '@/lib/paperwork/fields'
import { BuilderFieldSchema, toStoredField, type TemplateInput } from '@/lib/paperwork/template.schema'

const EXAMPLES = Object.fromEntries(MERGE_FIELD_NAMES.map((n) => [n, MERGE_FIELDS[n].example])) as Record<MergeField, string>

/** The form as the client will see it in her portal (with example values in an agreement's merge fields). */
export function TemplatePreview({ values }: { values: TemplateInput }) {
  const fields: FormField[] = useMemo(
    () =>
      values.fields.flatMap((f) => {
        const parsed = BuilderFieldSchema.safeParse(f)
        return parsed.success ? [toStoredField(parsed.data)] : []
      }),
    [values.fields],
  )
  const form = useForm<{ answers: FormValues }>({ values: { answers: formValuesFor(fields, {}) } })
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-5" data-test="template-preview">
      <div>
        <p className="text-sm font-medium text-primary">Preview: what she sees</p>
        <h2 className="text-2xl font-semibold tracking-tight">{values.name || 'Untitled form'}</h2>
        {values.description ? <p className="mt-2 text-muted-foreground">{values.description}</p> : null}
      </div>
      {values.kind === 'agreement' ? (
        <Card>
          <CardContent className="p-4 sm:p-6">
            <AgreementText text={fillMergeFields(values.body, EXAMPLES)} />
          </CardContent>
        </Card>
      ) : null}
      {fields.length > 0 ? <FormFields fields={fields} form={form} idPrefix="preview" /> : null}
      {values.kind === 'agreement' ? (
        <p className="rounded-md border border-dashed border-input p-4 text-sm text-muted-foreground">
          Below this she types her name, draws her signature and agrees to sign electronically.
        </p>
      ) : null}
    </div>
  )
}
