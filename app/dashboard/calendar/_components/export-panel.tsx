'use client'
import { Download } from 'lucide-react'
import { useId, useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { FieldError } from '@/components/ui/field-error'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { AppointmentExportRangeSchema } from '@/lib/appointments/export.schema'

/**
 * "Export appointments": a plain GET form to the CSV route, so the browser downloads the file; the
 * range is checked here first so a bad one gets a message on its field instead of a JSON error page.
 */
export function ExportPanel({ practiceId, from, to }: { practiceId: string; from: string; to: string }) {
  const id = useId()
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({})
  const check = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget)
    const parsed = AppointmentExportRangeSchema.safeParse({ from: data.get('from'), to: data.get('to') })
    if (parsed.success) return setErrors({})
    event.preventDefault()
    const found: { from?: string; to?: string } = {}
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'from' ? 'from' : 'to'
      found[field] ??= issue.message
    }
    setErrors(found)
  }

  return (
    <Card data-test="appointments-export">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Download aria-hidden className="size-4" /> Export appointments
        </CardTitle>
        <CardDescription>Every appointment that starts on these days, cancelled ones too, as a spreadsheet (CSV).</CardDescription>
      </CardHeader>
      <CardContent>
        <form method="get" action="/api/export/appointments" noValidate onSubmit={check} className="flex flex-wrap items-start gap-4">
          <input type="hidden" name="practice" value={practiceId} />
          {(['from', 'to'] as const).map((field) => (
            <div key={field} className="flex min-w-40 flex-1 flex-col gap-1.5">
              <Label htmlFor={`${id}-${field}`}>{field === 'from' ? 'From' : 'To (inclusive)'}</Label>
              <Input
                id={`${id}-${field}`}
                name={field}
                type="date"
                required
                defaultValue={field === 'from' ? from : to}
                aria-invalid={errors[field] ? true : undefined}
                aria-describedby={errors[field] ? `${id}-${field}-error` : undefined}
                data-test={`appointments-export-${field}`}
              />
              <FieldError id={`${id}-${field}-error`} message={errors[field]} />
            </div>
          ))}
          <Button type="submit" variant="outline" className="sm:mt-6" data-test="appointments-export-submit">
            <Download aria-hidden /> Download CSV
          </Button>
        </form>
      </CardContent>
    </Card>
  )
}
