import { answerRows } from '@/lib/paperwork/answers.schema'
import type { Answers, FormField } from '@/lib/paperwork/fields'

/** Her answers, question by question, read-only (the client page, her submitted form, the partner's page). */
export function AnswersView({ fields, answers }: { fields: FormField[]; answers: Answers }) {
  if (fields.length === 0) return null
  return (
    <dl className="flex flex-col gap-4" data-test="answers">
      {answerRows(fields, answers).map(({ field, text }) =>
        field.type === 'heading' ? (
          <div key={field.id} className="mt-3 border-b border-border pb-1 first:mt-0">
            <dt className="font-semibold text-primary">{field.label}</dt>
            {field.help ? <dd className="text-sm text-muted-foreground">{field.help}</dd> : null}
          </div>
        ) : (
          <div key={field.id} data-test="answer" data-field={field.id}>
            <dt className="text-sm font-medium text-muted-foreground">{field.label}</dt>
            <dd className={text === '—' ? 'text-muted-foreground' : 'whitespace-pre-wrap break-words'}>{text === '—' ? 'Not answered' : text}</dd>
          </div>
        ),
      )}
    </dl>
  )
}
