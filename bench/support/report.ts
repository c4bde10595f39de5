export interface Measurement {
  what: string
  value: string
  /** The target in words; absent for a figure reported without a goal. */
  goal?: string
  pass?: boolean
}

export interface GoalReport {
  title: string
  rows: Measurement[]
  /** Context printed under the table: sizes, waterfalls, caveats. */
  notes: string[]
  /** What fails the bench outright, even in --quick (a plan that lost its index). */
  failures?: string[]
}

const verdict = (m: Measurement) => (m.pass === undefined ? '' : m.pass ? 'PASS' : 'MISS')

/** One Markdown table per goal, so a run pastes straight into the README. */
export function printReport(report: GoalReport): void {
  const lines = [`\n### ${report.title}\n`, '| measure | value | goal | result |', '|---|---:|---|:---:|']
  for (const m of report.rows) lines.push(`| ${m.what} | ${m.value} | ${m.goal ?? ''} | ${verdict(m)} |`)
  if (report.notes.length > 0) lines.push('', ...report.notes.map((n) => `- ${n}`))
  console.log(lines.join('\n'))
}

export const missed = (reports: GoalReport[]) => reports.flatMap((r) => r.rows.filter((m) => m.pass === false))

export const failed = (reports: GoalReport[]) => reports.flatMap((r) => r.failures ?? [])
