// Set-based bulk seeding for the benchmarks: whole practices generated inside PostgreSQL with
// generate_series, so 2,000 practices × 500 clients load in minutes, not hours.
import { createHash } from 'node:crypto'
import type { Sql } from 'postgres'

/**
 * A deterministic uuid from a label: its md5 with the version nibble set to 4 and the variant to
 * RFC 4122, so the app's validators (zod's uuid) accept the seeded ids as they accept real ones.
 */
const uuid = (expr: string) => `overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid`

/** The same uuid as the SQL above computes for `label`. */
export function uuidOf(label: string): string {
  const h = createHash('md5').update(label).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`
}

/** Ids and addresses of seeded rows, shared by the seeding SQL and the code that probes them. */
export const seeded = {
  practiceId: (p: number) => uuidOf(`practice-${p}`),
  practiceName: (p: number) => `Bench ${p}`,
  /** Practice p's only member, its owner: the doula who signs in. */
  doulaId: (p: number) => uuidOf(`doula-${p}`),
  doulaEmail: (p: number) => `doula-${p}@bench.local`,
  clientId: (p: number, c: number) => uuidOf(`client-${p}-${c}`),
  journeyId: (p: number, c: number) => uuidOf(`journey-${p}-${c}`),
  portalUserId: (p: number) => uuidOf(`portal-${p}`),
  portalEmail: (p: number) => `portal-${p}@bench.local`,
}

/**
 * Day of a client's appointments, counted from the Monday of the current week: the first in this
 * week (client c on weekday c mod 7, so every day has some once there are 7 clients), the second in
 * the five weeks after. The same shape whatever day the seed runs, so a calendar week or today's
 * list always finds appointments (the day-relative spread it replaces left whole weeks empty on
 * some weekdays).
 */
const APPOINTMENT_DAY = `(date_trunc('week', now()) + (case k when 1 then c % 7 else 7 + (c * 3) % 35 end) * interval '1 day')`

/**
 * Inserts practices [from, to] with `clients` clients each: one journey per client, three
 * milestones, two appointments (this week and the five after), a note and a message. Triggers
 * (audit) are off for the load: it is a generator, not a workload; the audit cost has its own tests.
 */
export async function seedPractices(sql: Sql, from: number, to: number, clients: number): Promise<void> {
  // ~20,000 clients per transaction: big enough to be set-based, small enough to keep WAL and locks modest.
  const step = Math.max(1, Math.floor(20_000 / clients))
  for (let a = from; a <= to; a += step) {
    const b = Math.min(to, a + step - 1)
    const p = `generate_series(${a}, ${b}) p`
    const pc = `${p} cross join generate_series(1, ${clients}) c`
    const practice = uuid(`'practice-' || p`)
    const doula = uuid(`'doula-' || p`)
    const client = uuid(`'client-' || p || '-' || c`)
    const journey = uuid(`'journey-' || p || '-' || c`)
    await sql.begin(async (tx) => {
      await tx.unsafe(`
        set local session_replication_role = replica;
        insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
          select ${doula}, 'authenticated', 'authenticated', 'doula-' || p || '@bench.local', now(),
                 '{"provider":"email","providers":["email"]}', '{}', now(), now() from ${p};
        insert into public.practices (id, name, slug, created_by) select ${practice}, 'Bench ' || p, 'bench-' || p, ${doula} from ${p};
        insert into public.practice_members (practice_id, user_id, role) select ${practice}, ${doula}, 'owner' from ${p};
        insert into public.clients (id, practice_id, first_name, last_name) select ${client}, ${practice}, 'Client', 'N' || lpad(c::text, 4, '0') from ${pc};
        insert into public.journeys (id, practice_id, client_id, due_date, status)
          select ${journey}, ${practice}, ${client}, current_date + (c % 280), (array['lead','consult','booked','active','postpartum'])[1 + c % 5] from ${pc};
        insert into public.milestones (practice_id, client_id, journey_id, title, due_on)
          select ${practice}, ${client}, ${journey}, 'Milestone ' || m, current_date + (c % 280) - m * 14 from ${pc} cross join generate_series(1, 3) m;
        insert into public.appointments (practice_id, client_id, journey_id, doula_id, kind, starts_at, ends_at)
          select ${practice}, ${client}, ${journey}, ${doula}, 'prenatal', s.at, s.at + interval '1 hour'
          from ${pc} cross join generate_series(1, 2) k
          cross join lateral (select ${APPOINTMENT_DAY} + interval '10 hours' as at) s;
        insert into public.notes (practice_id, client_id, journey_id, author_id, body)
          select ${practice}, ${client}, ${journey}, ${doula}, 'Visit notes' from ${pc};
        insert into public.messages (practice_id, client_id, sender_id, sender_side, body)
          select ${practice}, ${client}, ${doula}, 'practice', 'Hello' from ${pc};
      `)
    })
  }
  await sql`analyze`
}

/**
 * Gives client 1 of practice p a portal login (a confirmed auth user linked by portal_user_id), as an
 * accepted invitation leaves it, and shares her milestones with her.
 */
export async function grantPortalAccess(sql: Sql, p: number): Promise<void> {
  const user = seeded.portalUserId(p)
  const client = seeded.clientId(p, 1)
  await sql.begin(async (tx) => {
    await tx`
      insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
      values (${user}, 'authenticated', 'authenticated', ${seeded.portalEmail(p)}, now(),
              '{"provider":"email","providers":["email"]}', '{}', now(), now())`
    await tx`update public.clients set portal_user_id = ${user}, email = ${seeded.portalEmail(p)} where id = ${client}`
    await tx`update public.milestones set shared_with_client = true where client_id = ${client}`
  })
}
