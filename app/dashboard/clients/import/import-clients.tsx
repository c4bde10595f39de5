'use client'
import Link from 'next/link'
import { useId, useState, type ChangeEvent } from 'react'
import { Button } from '@/components/ui/button'
import { StatusMessage } from '@/components/ui/status-message'
import type { ImportCheck } from '@/lib/clients/import/import-clients.service'
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportField, type ImportMapping } from '@/lib/clients/import/import.schema'
import { DATE_ORDER_LABELS, DATE_ORDERS, type DateOrder } from '@/lib/clients/import/read-date'
import { SelectField } from '../../_components/select-field'

type Answer = ImportCheck & { imported: number }

async function send(csv: string, mapping: ImportMapping | null, dateOrder: DateOrder, commit: boolean): Promise<Answer> {
  const response = await fetch('/api/import/clients', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ csv, mapping, dateOrder, commit }),
  })
  const body: unknown = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error((body as { error?: string }).error ?? 'That did not work. Please try again.')
  return body as Answer
}

function Problems({ rows, title }: { rows: ImportCheck['rows']; title: string }) {
  const problems = rows.filter((r) => r.errors.length > 0)
  if (problems.length === 0) return null
  return (
    <section aria-label={title} className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">{title}</h3>
      <ul className="flex max-h-96 flex-col divide-y overflow-y-auto rounded-md border text-sm" data-test="import-problems">
        {problems.map((r) => (
          <li key={r.line} className="flex flex-col gap-0.5 px-3 py-2 sm:flex-row sm:gap-3">
            <span className="shrink-0 font-medium">
              Line {r.line}
              {r.name ? ` · ${r.name}` : ''}
            </span>
            <span className="text-danger">{r.errors.join(' ')}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The most rows whose dates the preview lists; the rest are counted. */
const DATES_SHOWN = 100

/** Every due date as written and as read, so a wrong day/month order shows before anything is imported. */
function DatesRead({ rows }: { rows: ImportCheck['rows'] }) {
  const dated = rows.filter((r) => r.dueDate)
  if (dated.length === 0) return null
  return (
    <section aria-label="How the due dates were read" className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">How the due dates were read</h3>
      <ul className="flex max-h-96 flex-col divide-y overflow-y-auto rounded-md border text-sm" data-test="import-dates">
        {dated.slice(0, DATES_SHOWN).map((r) => (
          <li key={r.line} className="flex flex-col gap-0.5 px-3 py-2 sm:flex-row sm:gap-3">
            <span className="shrink-0 font-medium">
              Line {r.line}
              {r.name ? ` · ${r.name}` : ''}
            </span>
            <span>
              {r.dueDate?.written} → {r.dueDate?.read ?? 'not read'}
              {r.dueDate?.note ? <span className="text-muted-foreground"> · {r.dueDate.note}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      {dated.length > DATES_SHOWN && <p className="text-sm text-muted-foreground">And {dated.length - DATES_SHOWN} more rows with a due date.</p>}
    </section>
  )
}

/** Upload → map → preview → import → report, each step checked again by the server. */
export function ImportClients() {
  const fileId = useId()
  const [csv, setCsv] = useState<string | null>(null)
  const [check, setCheck] = useState<Answer | null>(null)
  const [report, setReport] = useState<Answer | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [dateOrder, setDateOrder] = useState<DateOrder>('month-first')

  async function run(action: () => Promise<void>) {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'That did not work. Please try again.')
    } finally {
      setBusy(false)
    }
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    setCheck(null)
    setReport(null)
    setCsv(null)
    if (!file) return
    if (file.size > MAX_IMPORT_BYTES) {
      setError('That file is larger than 2 MB. Split it into smaller files.')
      return
    }
    await run(async () => {
      const text = await file.text()
      setCsv(text)
      setCheck(await send(text, null, dateOrder, false))
    })
  }

  async function remap(field: ImportField, value: string) {
    if (!csv || !check) return
    const mapping = {
      ...check.mapping,
      [field]: value === '' ? null : Number(value),
    }
    await run(async () => setCheck(await send(csv, mapping, dateOrder, false)))
  }

  async function reorder(value: string) {
    const order = DATE_ORDERS.find((o) => o === value) ?? 'month-first'
    setDateOrder(order)
    if (!csv || !check) return
    await run(async () => setCheck(await send(csv, check.mapping, order, false)))
  }

  async function onImport() {
    if (!csv || !check) return
    await run(async () => {
      setReport(await send(csv, check.mapping, check.dateOrder, true))
      setCheck(null)
    })
  }

  const importable = check?.rows.filter((r) => r.errors.length === 0) ?? []
  const past = importable.filter((r) => r.row?.pastClient).length
  const columns = [
    { value: '', label: 'Not in this file' },
    ...(check?.header.map((h, i) => ({
      value: String(i),
      label: h || `Column ${i + 1}`,
    })) ?? []),
  ]

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <label htmlFor={fileId} className="text-sm font-medium">
          CSV file
        </label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          onChange={onFile}
          disabled={busy}
          aria-describedby={`${fileId}-hint`}
          className="text-sm file:mr-3 file:h-11 file:rounded-md file:border file:border-input file:bg-card file:px-3 file:text-sm file:font-medium"
          data-test="import-file"
        />
        <p id={`${fileId}-hint`} className="text-sm text-muted-foreground">
          A header row, then one client per row; at most 2 MB and {MAX_IMPORT_ROWS.toLocaleString('en-US')} rows. Dates such as 2027-03-14, 3/14/2027 or March 14, 2027; past clients (due up to 3 years ago) come along as complete unless a status says otherwise.
        </p>
      </div>

      {error && <StatusMessage tone="error">{error}</StatusMessage>}

      {check && (
        <>
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-2 text-sm font-semibold">Which column holds what</legend>
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {IMPORT_FIELDS.map((field) => (
                <SelectField
                  key={field}
                  id={`map-${field}`}
                  label={IMPORT_FIELD_LABELS[field]}
                  options={columns}
                  value={check.mapping[field] === null ? '' : String(check.mapping[field])}
                  onChange={(e) => void remap(field, e.target.value)}
                  disabled={busy}
                  data-test={`map-${field}`}
                />
              ))}
            </div>
            <div className="sm:max-w-sm">
              <SelectField
                id="map-date-order"
                label="Numeric dates such as 3/4/2027 are written"
                options={DATE_ORDERS.map((o) => ({ value: o, label: DATE_ORDER_LABELS[o] }))}
                value={check.dateOrder}
                onChange={(e) => void reorder(e.target.value)}
                disabled={busy}
                data-test="map-date-order"
              />
            </div>
          </fieldset>

          <StatusMessage tone={importable.length > 0 ? 'success' : 'error'}>
            <span data-test="import-summary">
              {importable.length} of {check.rows.length} rows can be imported
              {check.rows.length > importable.length ? `; ${check.rows.length - importable.length} have problems and will be skipped` : ''}.
              {past > 0 ? ` ${past} ${past === 1 ? 'is a past client' : 'are past clients'} (due more than 6 weeks ago), imported without a timeline.` : ''}
            </span>
          </StatusMessage>
          <Problems rows={check.rows} title="Rows with problems" />
          <DatesRead rows={check.rows} />
          <div className="flex flex-wrap gap-2">
            <Button type="button" onClick={() => void onImport()} disabled={busy || importable.length === 0} data-test="import-submit">
              Import {importable.length} {importable.length === 1 ? 'client' : 'clients'}
            </Button>
          </div>
        </>
      )}

      {report && (
        <>
          <StatusMessage tone="success">
            <span data-test="import-report">
              Imported {report.imported} {report.imported === 1 ? 'client' : 'clients'}
              {report.rows.length > report.imported ? `; skipped ${report.rows.length - report.imported}` : ''}.
            </span>
          </StatusMessage>
          <Problems rows={report.rows} title="Skipped rows and why" />
          <Button asChild variant="outline" className="self-start">
            <Link href="/dashboard/clients">Back to clients</Link>
          </Button>
        </>
      )}
    </div>
  )
}
