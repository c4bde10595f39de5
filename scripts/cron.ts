import { existsSync, readFileSync } from 'node:fs'

/**
 * Vercel's cron subset, evaluated in UTC as Vercel does: five fields (minute hour day-of-month month
 * day-of-week), each `*`, a number, a range `a-b`, a list `a,b-c`, or any of those stepped with `/n`.
 */
export interface CronSchedule {
  minute: ReadonlySet<number>
  hour: ReadonlySet<number>
  dayOfMonth: ReadonlySet<number>
  month: ReadonlySet<number>
  dayOfWeek: ReadonlySet<number>
  /** Classic cron rule: when both day fields are restricted, a day matches if either does. */
  dayOfMonthRestricted: boolean
  dayOfWeekRestricted: boolean
}

export interface CronJob {
  path: string
  schedule: string
}

export class CronSyntaxError extends Error {}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  // 7 is accepted as another spelling of Sunday and folded onto 0.
  { name: 'day of week', min: 0, max: 7 },
] as const

function integer(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw new CronSyntaxError(`${what}: "${text}" is not a number`)
  return Number(text)
}

function parseField(text: string, { name, min, max }: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>()
  for (const part of text.split(',')) {
    const [range = '', stepText, extra] = part.split('/')
    if (extra !== undefined || range === '') throw new CronSyntaxError(`${name}: "${part}" is malformed`)
    const step = stepText === undefined ? 1 : integer(stepText, name)
    if (step < 1) throw new CronSyntaxError(`${name}: step must be at least 1`)
    let from: number
    let to: number
    if (range === '*') {
      ;[from, to] = [min, max]
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-')
      ;[from, to] = [integer(a, name), integer(b, name)]
    } else {
      from = integer(range, name)
      // `5/15` means "from 5 to the end, every 15", as in Vixie cron.
      to = stepText === undefined ? from : max
    }
    if (from < min || to > max || from > to) throw new CronSyntaxError(`${name}: "${part}" is outside ${min}-${max}`)
    for (let v = from; v <= to; v += step) values.add(v)
  }
  return values
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== 5) throw new CronSyntaxError(`"${expression}" must have 5 fields, not ${parts.length}`)
  const [minute, hour, dayOfMonth, month, dayOfWeek] = FIELDS.map((field, i) => parseField(parts[i] ?? '', field)) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ]
  if (dayOfWeek.delete(7)) dayOfWeek.add(0)
  return {
    minute,
    hour,
    dayOfMonth,
    month,
    dayOfWeek,
    dayOfMonthRestricted: !parts[2]?.startsWith('*'),
    dayOfWeekRestricted: !parts[4]?.startsWith('*'),
  }
}

/** Whether the schedule fires in the UTC minute containing `date`. */
export function cronMatches(schedule: CronSchedule, date: Date): boolean {
  if (!schedule.minute.has(date.getUTCMinutes()) || !schedule.hour.has(date.getUTCHours())) return false
  if (!schedule.month.has(date.getUTCMonth() + 1)) return false
  const dom = schedule.dayOfMonth.has(date.getUTCDate())
  const dow = schedule.dayOfWeek.has(date.getUTCDay())
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return dom || dow
  return dom && dow
}

/** The `crons` of a vercel.json; none when the file or the list is absent. */
export function readVercelCrons(file: string): CronJob[] {
  if (!existsSync(file)) return []
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { crons?: unknown }
  if (parsed.crons === undefined) return []
  if (!Array.isArray(parsed.crons)) throw new Error(`${file}: "crons" must be an array`)
  return parsed.crons.map((c: unknown, i) => {
    const { path, schedule } = (c ?? {}) as Partial<CronJob>
    if (typeof path !== 'string' || !path.startsWith('/') || typeof schedule !== 'string') {
      throw new Error(`${file}: crons[${i}] needs a "path" starting with / and a "schedule"`)
    }
    parseCron(schedule)
    return { path, schedule }
  })
}

export interface CronRunnerOptions {
  jobs: CronJob[]
  appUrl: string
  secret: string
  log: (message: string) => void
}

/**
 * Calls each job's path on its schedule, the way Vercel does (GET, `Authorization: Bearer
 * <CRON_SECRET>`). A job still running when its next minute comes is skipped, not stacked.
 */
export function startCronRunner({ jobs, appUrl, secret, log }: CronRunnerOptions): { stop(): void } {
  const scheduled = jobs.map((job) => ({ job, schedule: parseCron(job.schedule), running: false }))
  const aborter = new AbortController()
  let timer: NodeJS.Timeout | undefined

  async function invoke(entry: (typeof scheduled)[number]) {
    entry.running = true
    const started = Date.now()
    try {
      const res = await fetch(new URL(entry.job.path, appUrl), {
        headers: { Authorization: `Bearer ${secret}`, 'User-Agent': 'vercel-cron/1.0' },
        signal: aborter.signal,
      })
      await res.body?.cancel()
      log(`cron ${entry.job.path} → ${res.status} in ${Date.now() - started} ms`)
    } catch (err) {
      if (!aborter.signal.aborted) log(`cron ${entry.job.path} failed: ${err instanceof Error ? err.message : String(err)}`)
    } finally {
      entry.running = false
    }
  }

  function tick() {
    const now = new Date()
    for (const entry of scheduled) {
      if (!cronMatches(entry.schedule, now)) continue
      if (entry.running) log(`cron ${entry.job.path} skipped: the previous run has not finished`)
      else void invoke(entry)
    }
    armTimer()
  }

  function armTimer() {
    // Fire just after each minute boundary so the UTC minute is unambiguous.
    const delay = 60_000 - (Date.now() % 60_000) + 50
    timer = setTimeout(tick, delay)
  }

  if (scheduled.length > 0) armTimer()
  return {
    stop() {
      clearTimeout(timer)
      aborter.abort()
    },
  }
}
