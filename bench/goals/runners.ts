// Issue #16: the cron runners find what is due across every practice in ≤ 200 ms per run, on index
// scans. Each runner's due-work lookup is timed over several runs and its plan EXPLAIN-analysed; a
// sequential scan on a table that grows with the practices fails the bench, even in --quick.
import { createClient } from '@supabase/supabase-js'
import type { Sql } from 'postgres'
import type { LocalStack } from '@doulaos/supabase-local'
import type { Database } from '@/lib/database.types'
import type { Db } from '@/lib/server/db'
import { queueAppointmentReminders } from '@/lib/appointments/reminders'
import type { GoalReport, Measurement } from '../support/report.ts'
import { median, ms } from '../support/stats.ts'

export const RUNNER_GOAL_MS = 200
/** Tables whose size follows the number of clients: a plan must reach them through an index. */
const GROWING_TABLES = ['appointments', 'journeys', 'clients', 'automation_runs', 'milestones']
/** Seeded practices are numbered from here, clear of the other goals' practices 1..N. */
const FIRST = 1_000_001
const APPOINTMENTS_PER_JOURNEY = 5
const MILESTONES_PER_JOURNEY = 8

export interface RunnerScale {
  journeys: number
  runs: number
}

/**
 * One runner's lookup of due work. To add a runner: one more entry in `probes()` naming the SQL
 * whose plan is checked (`$1` is the run's time), how the runner is called, and how to undo what a
 * run did so the next run finds the same work.
 */
interface DueWorkProbe {
  what: string
  planSql: (sql: Sql) => Promise<string>
  run: (admin: Db, now: Date) => Promise<unknown>
  reset: (sql: Sql, now: Date) => Promise<void>
}

/**
 * What a runner's SQL function does, as one explainable statement with `p_now` as `$1`: the body of
 * a `language sql` function, or the select a plpgsql function loops over (`for … in select … loop`).
 */
async function functionQuery(sql: Sql, fn: string): Promise<string> {
  const [row] = await sql<{ lang: string; src: string }[]>`
    select l.lanname as lang, p.prosrc as src from pg_proc p join pg_language l on l.oid = p.prolang where p.oid = ${fn}::regprocedure`
  const query = row?.lang === 'sql' ? row.src : /for \w+ in\s+(select[\s\S]+?)\s+loop/i.exec(row?.src ?? '')?.[1]
  if (!query) throw new Error(`${fn}: neither a sql function nor a "for … in select … loop" to explain`)
  return query.replace(/\bp_now\b/g, '$1::timestamptz')
}

const probes = (): DueWorkProbe[] => [
  {
    what: 'appointment reminders (enqueue_appointment_reminders)',
    planSql: (sql) => functionQuery(sql, 'public.enqueue_appointment_reminders(timestamptz)'),
    run: (admin, now) => queueAppointmentReminders(admin, now),
    reset: async (sql, now) => {
      await sql`update public.appointments set reminder_sent_at = null, reminded_starts_at = null where reminder_sent_at = ${now}`
      await sql`delete from public.notifications where template = 'appointment-reminder'`
    },
  },
  {
    // lib/automations/runner.ts `runPendingAutomations`: its lookup as PostgREST runs it (inner embeds).
    what: 'status automations (pending runs)',
    planSql: async () => `
      select r.id, r.practice_id, r.journey_id, r.form_template_id, j.client_id, j.status
      from public.automation_runs r
      join public.journeys j on j.id = r.journey_id
      where r.state = 'pending' and $1::timestamptz is not null
      order by r.fired_at limit 100`,
    run: async (admin) => {
      const { error } = await admin
        .from('automation_runs')
        .select('id, practice_id, journey_id, form_template_id, journey:journeys!inner(client_id, status)')
        .eq('state', 'pending')
        .order('fired_at')
        .limit(100)
      if (error) throw new Error(`pending automations: ${error.message}`)
    },
    reset: async () => {},
  },
  {
    // lib/automations/runner.ts: claim_milestone_automations loops over this search; the claim itself
    // writes (one transaction per due milestone), so the bench times the search the cron waits on.
    what: 'due-date automations (due_milestone_automations)',
    planSql: async (sql) => (await functionQuery(sql, 'public.due_milestone_automations(timestamptz,integer)')).replace(/\bp_limit\b/g, '200'),
    run: async (admin, now) => {
      const { error } = await admin.rpc('due_milestone_automations', { p_now: now.toISOString(), p_limit: 200 })
      if (error) throw new Error(`due-date automations: ${error.message}`)
    },
    reset: async () => {},
  },
]

/**
 * `journeys` clients with one journey each over 200-client practices, five appointments per journey
 * spread hour by hour over a year either side of now: past ones completed or cancelled, future ones
 * scheduled or cancelled; of those inside their practice's window most were already reminded, a few
 * moved since; one client in ten opted out. Every practice has a status rule, and a third of the
 * journeys a run of it; a few are still pending, as between a status change and the next cron. Each
 * journey has eight milestones over two years, half with an action: the past ones have run but for
 * one in fifty, as when the cron was down. Triggers are off: a generator, not a workload.
 */
async function seedRunnerPractices(sql: Sql, journeys: number): Promise<void> {
  const perPractice = Math.min(200, journeys)
  const practices = Math.ceil(journeys / perPractice)
  const uuid = (expr: string) => `overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid`
  const step = Math.max(1, Math.floor(20_000 / perPractice))
  for (let a = FIRST; a < FIRST + practices; a += step) {
    const b = Math.min(FIRST + practices - 1, a + step - 1)
    const p = `generate_series(${a}, ${b}) p`
    const pc = `${p} cross join generate_series(1, ${perPractice}) c`
    const practice = uuid(`'practice-' || p`)
    const doula = uuid(`'doula-' || p`)
    const client = uuid(`'client-' || p || '-' || c`)
    const journey = uuid(`'journey-' || p || '-' || c`)
    const rule = uuid(`'rule-' || p`)
    await sql.begin(async (tx) => {
      await tx.unsafe(`
        set local session_replication_role = replica;
        insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
          select ${doula}, 'authenticated', 'authenticated', 'doula-' || p || '@bench.local', now(),
                 '{"provider":"email","providers":["email"]}', '{}', now(), now() from ${p};
        insert into public.practices (id, name, slug, created_by, appointment_reminder_hours)
          select ${practice}, 'Runner ' || p, 'runner-' || p, ${doula}, (array[24, 24, 24, 48, 72, 2])[1 + p % 6] from ${p};
        insert into public.practice_members (practice_id, user_id, role) select ${practice}, ${doula}, 'owner' from ${p};
        insert into public.clients (id, practice_id, first_name, last_name, email, appointment_reminders)
          select ${client}, ${practice}, 'Client', 'R' || c, 'client-' || p || '-' || c || '@bench.local', c % 10 <> 0 from ${pc};
        insert into public.journeys (id, practice_id, client_id, due_date, status, primary_doula_id)
          select ${journey}, ${practice}, ${client}, current_date + (c % 280),
                 (array['lead','consult','booked','active','postpartum','complete','archived'])[1 + c % 7], ${doula} from ${pc};
        insert into public.appointments (practice_id, client_id, journey_id, doula_id, kind, starts_at, ends_at, status, reminder_sent_at, reminded_starts_at)
          select ${practice}, ${client}, ${journey}, case when k % 2 = 0 then ${doula} end, 'prenatal', s.at, s.at + interval '1 hour',
                 case when s.at < now() then (case when k = 1 then 'cancelled' else 'completed' end)
                      when (p + c + k) % 10 = 0 then 'cancelled' else 'scheduled' end,
                 case when s.at < now() + interval '72 hours' and (p + c + k) % 4 <> 0 then s.at - interval '24 hours' end,
                 case when s.at < now() + interval '72 hours' and (p + c + k) % 4 <> 0
                      then s.at - (case when (c + k) % 25 = 0 then interval '1 day' else interval '0' end) end
          from ${pc} cross join generate_series(1, ${APPOINTMENTS_PER_JOURNEY}) k
          cross join lateral (select date_trunc('hour', now()) - interval '365 days'
                                     + ((p::bigint * 7919 + c * 104729 + k * 1299709) % (730 * 24)) * interval '1 hour' as at) s;
        insert into public.automation_rules (id, practice_id, on_status, action, task_title)
          select ${rule}, ${practice}, 'booked', 'create_task', 'Send the welcome pack' from ${p};
        insert into public.automation_runs (practice_id, rule_id, journey_id, state, fired_at, finished_at)
          select ${practice}, ${rule}, ${journey}, case when c % 99 = 0 and p % 10 = 0 then 'pending' else 'done' end,
                 now() - (c % 90) * interval '1 day', case when c % 99 <> 0 or p % 10 <> 0 then now() - (c % 90) * interval '1 day' end
          from ${pc} where c % 3 = 0;
        insert into public.milestones (practice_id, client_id, journey_id, title, kind, due_on, created_at, action, action_task_title, action_fired_at)
          select ${practice}, ${client}, ${journey}, 'Step ' || k, 'prenatal', d.due_on, d.due_on - 200,
                 case when k % 2 = 0 then 'create_task' end, case when k % 2 = 0 then 'Check in' end,
                 case when k % 2 = 0 and d.due_on < current_date and (p + c + k) % 50 <> 0 then d.due_on + time '09:00' end
          from ${pc} cross join generate_series(1, ${MILESTONES_PER_JOURNEY}) k
          cross join lateral (select current_date - 365 + ((p::bigint * 31 + c * 17 + k * 97) % 730)::int as due_on) d;
      `)
    })
  }
  await sql`analyze`
}

const seqScans = (plan: string) =>
  GROWING_TABLES.filter((t) => new RegExp(`Seq Scan on (public\\.)?${t}\\b`).test(plan))

async function explain(sql: Sql, query: string, now: Date): Promise<string> {
  // EXPLAIN ANALYZE runs the query (the reminder select locks its rows): roll it back.
  let plan = ''
  await sql
    .begin(async (tx) => {
      const rows = await tx.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${query}`, [now.toISOString()])
      plan = rows.map((r) => r['QUERY PLAN']).join('\n')
      throw new Rollback()
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error
    })
  return plan
}
class Rollback extends Error {}

export async function benchRunners(stack: LocalStack, scale: RunnerScale, quick: boolean): Promise<GoalReport> {
  const { sql } = stack
  const seedStart = performance.now()
  await seedRunnerPractices(sql, scale.journeys)
  const seedMs = performance.now() - seedStart
  const [counts] = await sql<{ journeys: number; appointments: number; due_window: number; milestones: number; due_actions: number }[]>`
    select (select count(*)::int from public.journeys) as journeys, (select count(*)::int from public.appointments) as appointments,
           (select count(*)::int from public.milestones) as milestones,
           (select count(*)::int from public.milestones where action is not null and action_fired_at is null and due_on <= current_date) as due_actions,
           (select count(*)::int from public.appointments where status = 'scheduled' and starts_at between now() and now() + interval '72 hours'
              and reminded_starts_at is distinct from starts_at) as due_window`
  // The service role through the API, as the cron route gives it to the runners.
  const admin: Db = createClient<Database>(stack.apiUrl, stack.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } })
  const rows: Measurement[] = []
  const notes: string[] = [
    `Seeded ${scale.journeys.toLocaleString('en')} journeys and ${(scale.journeys * APPOINTMENTS_PER_JOURNEY).toLocaleString('en')} appointments in ${ms(seedMs)}; the database holds ${counts?.journeys.toLocaleString('en')} journeys and ${counts?.appointments.toLocaleString('en')} appointments, ${counts?.due_window} scheduled and unreminded in the next 72 h; ${counts?.milestones.toLocaleString('en')} milestones, ${counts?.due_actions} with an action due and not yet run.`,
    'Each run calls the runner as the cron does (service role through the API); a reminder run is undone before the next, so every run finds the same work.',
  ]
  const failures: string[] = []
  for (const probe of probes()) {
    const now = new Date()
    const times: number[] = []
    for (let i = 0; i < scale.runs; i++) {
      const start = performance.now()
      await probe.run(admin, now)
      times.push(performance.now() - start)
      await probe.reset(sql, now)
    }
    // The verdict is the median: one run slowed by another process on a shared machine is noise.
    const typical = median(times)
    const met = typical <= RUNNER_GOAL_MS
    rows.push({ what: `${probe.what}: median of ${scale.runs} runs`, value: ms(typical), goal: `≤ ${RUNNER_GOAL_MS} ms`, pass: quick ? undefined : met })
    rows.push({ what: `${probe.what}: slowest run`, value: ms(Math.max(...times)) })
    if (!quick && !met) failures.push(`${probe.what}: median run ${ms(typical)} > ${RUNNER_GOAL_MS} ms`)
    const plan = await explain(sql, await probe.planSql(sql), now)
    notes.push(`Plan of ${probe.what}:\n\n\`\`\`\n${plan}\n\`\`\``)
    const scanned = seqScans(plan)
    if (scanned.length > 0) failures.push(`${probe.what}: sequential scan on ${scanned.join(', ')}`)
  }
  return { title: `Cron runners (#16): due work over ${scale.journeys.toLocaleString('en')} journeys`, rows, notes, failures }
}
