'use client'
import { Bold, Heading2, List } from 'lucide-react'
import { useRef } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field-error'
import { inputClassName, labelClassName } from '@/components/ui/field-styles'
import { cn } from '@/components/ui/cn'
import { MERGE_FIELDS, MERGE_FIELD_NAMES } from '@/lib/paperwork/agreement-text'
import type { TemplateInput } from '@/lib/paperwork/template.schema'

/**
 * The agreement's text, in a small markup (headings, bold, lists) with a toolbar that writes it, and
 * the merge fields it may use, each filled in when the agreement is sent.
 */
export function BodyEditor({ form }: { form: UseFormReturn<TemplateInput> }) {
  const area = useRef<HTMLTextAreaElement | null>(null)
  const { ref, ...field } = form.register('body')
  const error = form.formState.errors.body?.message

  /** Replaces the selection with `make(selected)` and selects what was inserted. */
  function edit(make: (selected: string) => string) {
    const el = area.current
    if (!el) return
    const { selectionStart: start, selectionEnd: end, value } = el
    const inserted = make(value.slice(start, end))
    const next = value.slice(0, start) + inserted + value.slice(end)
    form.setValue('body', next, { shouldDirty: true })
    requestAnimationFrame(() => {
      el.focus()
      el.setSelectionRange(start, start + inserted.length)
    })
  }
  const lineStart = (prefix: string) => (selected: string) =>
    (selected || 'Text')
      .split('\n')
      .map((line) => `${prefix}${line.replace(/^(#{1,2}\s+|[-*]\s+)/, '')}`)
      .join('\n')

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1.5">
        <label htmlFor="template-body" className={labelClassName}>
          The agreement
        </label>
        <div role="toolbar" aria-label="Formatting" aria-controls="template-body" className="flex flex-wrap gap-1">
          <Button variant="outline" size="sm" onClick={() => edit(lineStart('## '))} data-test="body-heading">
            <Heading2 aria-hidden /> Heading
          </Button>
          <Button variant="outline" size="sm" onClick={() => edit((s) => `**${s || 'bold text'}**`)} data-test="body-bold">
            <Bold aria-hidden /> Bold
          </Button>
          <Button variant="outline" size="sm" onClick={() => edit(lineStart('- '))} data-test="body-list">
            <List aria-hidden /> List
          </Button>
          <label htmlFor="template-merge" className="sr-only">
            Insert a merge field
          </label>
          <select
            id="template-merge"
            className="h-8 rounded-md border border-input bg-card px-2 text-sm"
            value=""
            onChange={(event) => {
              const name = event.target.value
              if (name) edit(() => `{{${name}}}`)
            }}
            data-test="body-merge"
          >
            <option value="">Insert a merge field…</option>
            {MERGE_FIELD_NAMES.map((name) => (
              <option key={name} value={name}>
                {MERGE_FIELDS[name].label}
              </option>
            ))}
          </select>
        </div>
        <textarea
          id="template-body"
          rows={18}
          className={cn(inputClassName, 'h-auto py-2 font-mono text-sm leading-relaxed')}
          aria-invalid={error ? true : undefined}
          aria-describedby={`template-body-hint${error ? ' template-body-error' : ''}`}
          ref={(el) => {
            ref(el)
            area.current = el
          }}
          {...field}
          data-test="template-body"
        />
        <p id="template-body-hint" className="text-sm text-muted-foreground">
          # starts a heading (## a smaller one), - a list item, **two stars** make bold, *one star* italic; a blank line starts a paragraph.
        </p>
        <FieldError id="template-body-error" message={error} />
      </div>
      <details className="rounded-md border border-border p-3 text-sm">
        <summary className="cursor-pointer font-medium">Merge fields you can use</summary>
        <dl className="mt-3 grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]" data-test="merge-fields">
          {MERGE_FIELD_NAMES.map((name) => (
            <div key={name} className="contents">
              <dt>
                <code className="rounded bg-muted px-1 py-0.5">{`{{${name}}}`}</code>
              </dt>
              <dd className="text-muted-foreground">
                {MERGE_FIELDS[name].label}, e.g. {MERGE_FIELDS[name].example}
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  )
}
