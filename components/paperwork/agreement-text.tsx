import { parseAgreement, type Run } from '@/lib/paperwork/agreement-text'

function Runs({ runs }: { runs: Run[] }) {
  return runs.map((run, i) =>
    run.bold ? <strong key={i}>{run.text}</strong> : run.italic ? <em key={i}>{run.text}</em> : <span key={i}>{run.text}</span>,
  )
}

/** An agreement's text as the client reads it (the same blocks the PDF draws). Text only: no HTML passes. */
export function AgreementText({ text }: { text: string }) {
  return (
    <div className="flex flex-col gap-3 text-[0.95rem] leading-relaxed" data-test="agreement-text">
      {parseAgreement(text).map((block, i) => {
        if (block.type === 'heading') {
          return block.level === 1 ? (
            <h2 key={i} className="mt-2 text-xl font-semibold tracking-tight">
              <Runs runs={block.runs} />
            </h2>
          ) : (
            <h3 key={i} className="mt-3 text-base font-semibold">
              <Runs runs={block.runs} />
            </h3>
          )
        }
        if (block.type === 'list') {
          return (
            <ul key={i} className="ml-5 flex list-disc flex-col gap-1.5">
              {block.items.map((item, j) => (
                <li key={j}>
                  <Runs runs={item} />
                </li>
              ))}
            </ul>
          )
        }
        return (
          <p key={i}>
            <Runs runs={block.runs} />
          </p>
        )
      })}
    </div>
  )
}
