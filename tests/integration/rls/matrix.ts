import { randomUUID } from 'node:crypto'
import type { Sql } from 'postgres'
import { createUser } from '../../helpers/personas.ts'
import * as rows from '../../helpers/rows.ts'
import type { Persona, World } from '../../helpers/world.ts'

/**
 * The access matrix of every table in `public`: for each persona and command, what happens when
 * the persona targets a row of practice A (mostly client A1's).
 *
 *   ✓  allowed: the row is read / written / removed
 *   ✗  denied loudly: the API answers 42501 (no privilege, or a WITH CHECK / guard refusal)
 *   ∅  filtered silently: no error, 0 rows read or affected
 *
 * Columns, in order: anon, ownerA, adminA, doulaA, clientA1, clientA2, doulaB, clientB1, and
 * doulaBClientA (a doula of practice B who is also client A3 of practice A).
 */
export type Cell = '✓' | '✗' | '∅'
export type Command = 'select' | 'insert' | 'update' | 'delete'
export const COMMANDS: Command[] = ['select', 'insert', 'update', 'delete']

export interface Ctx {
  sql: Sql
  world: World
}

export interface TableCase {
  table: string
  /** What the target row is, when a table has several cases. */
  variant: string
  /** Creates a fresh target row (as superuser) and returns its id. */
  target(ctx: Ctx): Promise<string>
  /** Another fresh row for delete, when `target` is a fixed row that must survive. */
  deleteTarget?(ctx: Ctx): Promise<string>
  /** The row a persona tries to insert (with a client-generated id when the table has a uuid id). */
  insert(ctx: Ctx, persona: Persona): Record<string, unknown> | Promise<Record<string, unknown>>
  /** The change a persona tries to make to the target row. */
  update(persona: Persona): Record<string, unknown>
  expect: Record<Command, string>
}

const userId = (p: Persona) => p.user?.id ?? randomUUID()

/** A member sends client A1 a form: only the columns the API grants for sending. */
const formRequestInsert = ({ world }: Ctx) => ({
  id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, kind: 'intake',
  template_snapshot: { name: 'Intake', kind: 'intake', version: 1, fields: rows.FORM_FIELDS },
})
const later = () => new Date(Date.now() + 7 * 86_400_000).toISOString()

export const MATRIX: TableCase[] = [
  {
    table: 'profiles',
    variant: "doulaA's profile",
    target: async ({ world }) => world.personas.doulaA.user!.id,
    insert: async ({ sql }) => {
      const stranger = await createUser(sql)
      return { id: stranger.id, full_name: 'Impostor', email: stranger.email }
    },
    update: () => ({ full_name: `Renamed ${randomUUID().slice(0, 6)}` }),
    expect: {
      //       anon oA aA dA c1 c2 dB cB dBcA
      // Portal clients read no profiles: they need no team emails.
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ∅  ∅  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'practices',
    variant: 'practice A',
    target: async ({ world }) => world.a.id,
    insert: () => ({ id: randomUUID(), name: 'Rogue', slug: `rogue-${randomUUID().slice(0, 8)}` }),
    update: () => ({ capacity_window_days: 20 + Math.floor(Math.random() * 300) }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ✓  ∅  ∅  ✓',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'practice_members',
    variant: 'a doula membership in A',
    target: ({ sql, world }) => rows.newMember(sql, world.a.id),
    insert: async ({ sql, world }) => ({ id: randomUUID(), practice_id: world.a.id, user_id: (await createUser(sql)).id, role: 'doula' }),
    update: () => ({ role: 'admin' }),
    expect: {
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      // Memberships come only from accepting an invitation (or creating one's own practice).
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'practice_invitations',
    variant: 'a pending invitation to A',
    target: ({ sql, world }) => rows.newInvitation(sql, world.a.id),
    insert: ({ world }, p) => ({
      id: randomUUID(),
      practice_id: world.a.id,
      email: `new-${randomUUID().slice(0, 8)}@test.doulaos.app`,
      role: 'doula',
      token_hash: rows.sha256Hex(randomUUID()),
      invited_by: userId(p),
    }),
    update: () => ({ expires_at: later() }),
    expect: {
      select: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'portal_invitations',
    variant: "an open portal invitation of client A2",
    target: ({ sql, world }) => rows.newPortalInvitation(sql, world.a2),
    insert: ({ world }, p) => ({
      id: randomUUID(),
      practice_id: world.a.id,
      client_id: world.a2.id,
      email: `new-${randomUUID().slice(0, 8)}@test.doulaos.app`,
      token_hash: rows.sha256Hex(randomUUID()),
      invited_by: userId(p),
    }),
    update: () => ({ expires_at: later() }),
    expect: {
      // Written by the server only; members see whom they invited.
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'clients',
    variant: "client A1's record (delete: a fresh client of A)",
    target: async ({ world }) => world.a1.id,
    deleteTarget: ({ sql, world }) => rows.newClient(sql, world.a.id),
    insert: ({ world }) => ({ id: randomUUID(), practice_id: world.a.id, first_name: 'New', last_name: 'Lead' }),
    update: () => ({ phone: `+1555${Math.floor(Math.random() * 1e7)}` }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'journeys',
    variant: "a journey of client A1",
    target: ({ sql, world }) => rows.newJourney(sql, world.a1),
    insert: ({ world }) => ({ id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, status: 'lead' }),
    update: () => ({ due_date: '2027-03-01' }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'milestones',
    variant: 'shared with client A1',
    target: ({ sql, world }) => rows.newMilestone(sql, world.a1, true),
    insert: ({ world }) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, journey_id: world.a1.journeyId, title: 'Tour',
    }),
    update: () => ({ title: `Renamed ${randomUUID().slice(0, 6)}` }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'milestones',
    variant: 'not shared with the client',
    target: ({ sql, world }) => rows.newMilestone(sql, world.a1, false),
    insert: ({ world }) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, journey_id: world.a1.journeyId, title: 'Tour',
      shared_with_client: false,
    }),
    update: () => ({ done_at: new Date().toISOString() }),
    expect: {
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'appointments',
    variant: 'shared with client A1',
    target: ({ sql, world }) => rows.newAppointment(sql, world.a1, true),
    insert: ({ world }) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, journey_id: world.a1.journeyId,
      starts_at: later(), ends_at: new Date(Date.now() + 7 * 86_400_000 + 3_600_000).toISOString(),
    }),
    update: () => ({ location: `Room ${Math.floor(Math.random() * 100)}` }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'appointments',
    variant: 'not shared with the client',
    target: ({ sql, world }) => rows.newAppointment(sql, world.a1, false),
    insert: ({ world }) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, journey_id: world.a1.journeyId,
      starts_at: later(), ends_at: new Date(Date.now() + 7 * 86_400_000 + 3_600_000).toISOString(), shared_with_client: false,
    }),
    update: () => ({ status: 'cancelled' }),
    expect: {
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'notes',
    variant: "doulaA's note on A1's journey",
    target: ({ sql, world }) => rows.newNote(sql, world.a1, world.personas.doulaA.user!.id),
    insert: ({ world }, p) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, journey_id: world.a1.journeyId,
      author_id: userId(p), body: 'Written by the caller',
    }),
    update: () => ({ body: `Edited ${randomUUID().slice(0, 6)}` }),
    expect: {
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ∅  ∅  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'messages',
    variant: "a practice message in A1's thread",
    target: ({ sql, world }) => rows.newMessage(sql, world.a1, world.personas.doulaA.user!.id, 'practice'),
    insert: ({ world }, p) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, sender_id: userId(p), sender_side: p.side, body: 'Hi',
    }),
    update: (p) => (p.side === 'practice' ? { read_by_practice_at: new Date().toISOString() } : { read_by_client_at: new Date().toISOString() }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✓  ✗  ✗  ✗  ✗',
      update: '✗    ∅  ∅  ∅  ✓  ∅  ∅  ∅  ∅',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'messages',
    variant: "client A1's message in her thread",
    target: ({ sql, world }) => rows.newMessage(sql, world.a1, world.personas.clientA1.user!.id, 'client'),
    insert: ({ world }, p) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, sender_id: userId(p), sender_side: p.side, body: 'Hi',
    }),
    update: (p) => (p.side === 'practice' ? { read_by_practice_at: new Date().toISOString() } : { read_by_client_at: new Date().toISOString() }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✓  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'documents',
    variant: 'uploaded by doulaA, shared with client A1',
    target: ({ sql, world }) => rows.newDocument(sql, world.a1, world.personas.doulaA.user!.id, true),
    insert: ({ world }, p) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, storage_path: rows.storagePathFor(world.a1),
      file_name: 'scan.pdf', mime_type: 'application/pdf', size_bytes: 2048, uploaded_by: userId(p),
    }),
    update: () => ({ file_name: `renamed-${randomUUID().slice(0, 6)}.pdf` }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'documents',
    variant: 'uploaded by doulaA, not shared',
    target: ({ sql, world }) => rows.newDocument(sql, world.a1, world.personas.doulaA.user!.id, false),
    insert: ({ world }, p) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, storage_path: rows.storagePathFor(world.a1),
      file_name: 'scan.pdf', mime_type: 'application/pdf', size_bytes: 2048, uploaded_by: userId(p), shared_with_client: false,
    }),
    update: () => ({ shared_with_client: true }),
    expect: {
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'documents',
    variant: "client A1's own upload, not shared",
    target: ({ sql, world }) => rows.newDocument(sql, world.a1, world.personas.clientA1.user!.id, false),
    insert: ({ world }, p) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, storage_path: rows.storagePathFor(world.a1),
      file_name: 'scan.pdf', mime_type: 'application/pdf', size_bytes: 2048, uploaded_by: userId(p),
    }),
    update: () => ({ kind: 'lab_result' }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'form_templates',
    variant: "a template of A",
    target: ({ sql, world }) => rows.newFormTemplate(sql, world.a.id),
    insert: ({ world }) => ({ id: randomUUID(), practice_id: world.a.id, name: 'Agreement', kind: 'agreement' }),
    update: () => ({ name: `Renamed ${randomUUID().slice(0, 6)}` }),
    expect: {
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'form_requests',
    variant: 'an open form sent to client A1: her answers',
    target: ({ sql, world }) => rows.newFormRequest(sql, world.a1),
    insert: formRequestInsert,
    update: () => ({ answers: { allergies: `none ${randomUUID().slice(0, 4)}` } }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✗  ✗  ✗  ✓  ∅  ∅  ∅  ∅',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'form_requests',
    variant: "an open form sent to client A1: the practice's note",
    target: ({ sql, world }) => rows.newFormRequest(sql, world.a1),
    insert: formRequestInsert,
    update: () => ({ note: `Take your time ${randomUUID().slice(0, 4)}` }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ✗  ∅  ∅  ∅  ∅',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'form_requests',
    variant: 'an agreement of client A1, signed and sealed',
    target: ({ sql, world }) => rows.newSealedAgreement(sql, world.a1, world.personas.doulaA.user!.id),
    insert: formRequestInsert,
    update: () => ({ note: 'Changed after sealing' }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✗  ✗  ✗  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'form_signatures',
    variant: "client A1's signature on her sealed agreement",
    target: async ({ sql, world }) => rows.newFormSignature(sql, await rows.newSealedAgreement(sql, world.a1, world.personas.doulaA.user!.id)),
    insert: async ({ sql, world }, p) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, request_id: await rows.newFormRequest(sql, world.a1), role: 'client',
      signer_user_id: userId(p), signer_name: 'Forged', image_png: `\\x${rows.TINY_PNG.toString('hex')}`, consent_text: 'Yes',
      content_sha256: rows.sha256Hex('forged'), time_zone: 'UTC',
    }),
    update: () => ({ signer_name: 'Someone else' }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'milestone_template_items',
    variant: "an item of A's milestone template",
    target: async ({ sql, world }) => {
      const [r] = await sql<{ id: string }[]>`insert into public.milestone_template_items (practice_id, title, kind, offset_days, position)
        values (${world.a.id}, 'Tour of the birth center', 'prenatal', -42, 99) returning id`
      return r!.id
    },
    insert: ({ world }) => ({ id: randomUUID(), practice_id: world.a.id, title: 'Hospital tour', kind: 'prenatal', offset_days: -35 }),
    update: () => ({ offset_days: -Math.floor(Math.random() * 200) }),
    expect: {
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'billing_customers',
    variant: "A's Stripe customer (written only by the webhook's service role)",
    target: async ({ sql, world }) => (await rows.newBillingRows(sql, world.a.id)).customer,
    insert: async ({ sql }) => {
      const { rogue } = await rows.rogueBillingPractice(sql)
      return { id: randomUUID(), practice_id: rogue, stripe_customer_id: `cus_rogue${randomUUID().slice(0, 8)}` }
    },
    update: () => ({ stripe_customer_id: `cus_swap${randomUUID().slice(0, 8)}` }),
    expect: {
      //       anon oA aA dA c1 c2 dB cB dBcA
      select: '✗    ✓  ∅  ∅  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'billing_subscriptions',
    variant: "A's subscription (written only by the webhook's service role)",
    target: async ({ sql, world }) => (await rows.newBillingRows(sql, world.a.id)).subscription,
    insert: async ({ sql }) => {
      const { rogue, customer } = await rows.rogueBillingPractice(sql)
      return {
        id: randomUUID(), practice_id: rogue, stripe_subscription_id: `sub_rogue${randomUUID().slice(0, 8)}`, stripe_customer_id: customer,
        status: 'active', seats: 1000, subscription_created_at: new Date().toISOString(), fetched_at: new Date().toISOString(),
      }
    },
    update: () => ({ status: 'active', seats: 900 + Math.floor(Math.random() * 100) }),
    expect: {
      select: '✗    ✓  ∅  ∅  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'audit_log',
    variant: "a row of A's trail",
    target: ({ sql, world }) => rows.newAuditRow(sql, world.a.id),
    insert: ({ world }, p) => ({
      practice_id: world.a.id, actor_id: userId(p), actor_role: 'owner', action: 'export.create', entity: 'practices',
    }),
    update: () => ({ outcome: 'denied' }),
    expect: {
      select: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'client_deletion_requests',
    variant: "client A1's open request",
    target: async ({ sql, world }) => {
      // One open request per client: close the previous target first.
      await sql`update public.client_deletion_requests set resolved_at = now() where client_id = ${world.a1.id} and resolved_at is null`
      const [r] = await sql<{ id: string }[]>`insert into public.client_deletion_requests (practice_id, client_id)
        values (${world.a.id}, ${world.a1.id}) returning id`
      return r!.id
    },
    insert: ({ world }) => ({ id: randomUUID(), practice_id: world.a.id, client_id: world.a2.id }),
    update: () => ({ resolved_at: new Date().toISOString() }),
    expect: {
      select: '✗    ✓  ✓  ✓  ✓  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'notifications',
    variant: "an outbox row of A",
    target: ({ sql, world }) => rows.newNotification(sql, world.a.id),
    insert: ({ world }) => ({
      id: randomUUID(), practice_id: world.a.id, recipient: 'x@test.doulaos.app', template: 'welcome', idempotency_key: randomUUID(),
    }),
    update: () => ({ status: 'sent' }),
    expect: {
      select: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'calendar_feeds',
    variant: "doulaA's feed in A (inserts: the caller's own feed in A)",
    target: async ({ sql, world }) => {
      const [row] = await sql<{ id: string }[]>`
        insert into public.calendar_feeds (practice_id, member_id, token_hash, revoked_at)
        values (${world.a.id}, ${world.personas.doulaA.user!.id}, ${rows.sha256Hex(randomUUID())}, now())
        returning id`
      return row!.id
    },
    // Inserted revoked, so that repeated runs never collide with the one-live-feed-per-member index.
    insert: ({ world }, p) => ({
      id: randomUUID(), practice_id: world.a.id, member_id: userId(p), token_hash: rows.sha256Hex(randomUUID()), revoked_at: new Date().toISOString(),
    }),
    update: () => ({ private: true }),
    expect: {
      select: '✗    ∅  ∅  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ∅  ∅  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'inquiries',
    variant: "client A1's inquiry through the public form (only submit_inquiry writes them)",
    target: async ({ sql, world }) => {
      const [row] = await sql<{ id: string }[]>`
        insert into public.inquiries (practice_id, client_id, journey_id, name, email, message)
        values (${world.a.id}, ${world.a1.id}, ${world.a1.journeyId}, 'Ada Lead', 'ada.lead@example.com', 'Hello') returning id`
      return row!.id
    },
    insert: ({ world }) => ({
      id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, journey_id: world.a1.journeyId, name: 'Forged', email: 'forged@example.com',
    }),
    update: () => ({ message: 'Rewritten' }),
    expect: {
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'tasks',
    variant: "a to-do about client A1 (members only: never in her portal)",
    target: async ({ sql, world }) => {
      const [row] = await sql<{ id: string }[]>`
        insert into public.tasks (practice_id, client_id, title, assignee_id)
        values (${world.a.id}, ${world.a1.id}, 'Call about the birth plan', ${world.personas.doulaA.user!.id}) returning id`
      return row!.id
    },
    insert: ({ world }) => ({ id: randomUUID(), practice_id: world.a.id, client_id: world.a1.id, title: 'Send the TENS unit info' }),
    update: () => ({ done_at: new Date().toISOString() }),
    expect: {
      //       anon oA aA dA c1 c2 dB cB dBcA
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✓  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'automation_rules',
    variant: 'a status-change rule of A (members read, owners and admins write, never the portal)',
    target: ({ sql, world }) => newAutomationRule(sql, world.a.id),
    insert: ({ world }) => ({ id: randomUUID(), practice_id: world.a.id, on_status: 'booked', action: 'create_task', task_title: 'Book the consult' }),
    update: () => ({ on_status: 'active' }),
    expect: {
      //       anon oA aA dA c1 c2 dB cB dBcA
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✓  ✓  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
      delete: '✗    ✓  ✓  ∅  ∅  ∅  ∅  ∅  ∅',
    },
  },
  {
    table: 'automation_runs',
    variant: "what a rule did for client A1's journey (members read; only the trigger and the runner write)",
    target: async ({ sql, world }) => {
      const ruleId = await newAutomationRule(sql, world.a.id)
      const [row] = await sql<{ id: string }[]>`
        insert into public.automation_runs (practice_id, rule_id, journey_id, state)
        values (${world.a.id}, ${ruleId}, ${world.a1.journeyId}, 'done') returning id`
      return row!.id
    },
    insert: async ({ sql, world }) => ({
      id: randomUUID(),
      practice_id: world.a.id,
      rule_id: await newAutomationRule(sql, world.a.id),
      journey_id: world.a1.journeyId,
      state: 'done',
    }),
    update: () => ({ state: 'failed' }),
    expect: {
      //       anon oA aA dA c1 c2 dB cB dBcA
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
  {
    table: 'automation_runs',
    variant: "what a milestone's due-date action did for client A1 (members read; only the runner writes)",
    target: async ({ sql, world }) => {
      const milestoneId = await newActionMilestone(sql, world.a.id, world.a1.id, world.a1.journeyId)
      const [row] = await sql<{ id: string }[]>`
        insert into public.automation_runs (practice_id, source, milestone_id, journey_id, state, action, summary)
        values (${world.a.id}, 'due_date', ${milestoneId}, ${world.a1.journeyId}, 'done', 'send_message', 'Message: Hello') returning id`
      return row!.id
    },
    insert: async ({ sql, world }) => ({
      id: randomUUID(),
      practice_id: world.a.id,
      source: 'due_date',
      milestone_id: await newActionMilestone(sql, world.a.id, world.a1.id, world.a1.journeyId),
      journey_id: world.a1.journeyId,
      state: 'done',
    }),
    update: () => ({ state: 'failed' }),
    expect: {
      //       anon oA aA dA c1 c2 dB cB dBcA
      select: '✗    ✓  ✓  ✓  ∅  ∅  ∅  ∅  ∅',
      insert: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      update: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
      delete: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
    },
  },
]

async function newActionMilestone(sql: Sql, practiceId: string, clientId: string, journeyId: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into public.milestones (practice_id, client_id, journey_id, title, due_on, action, action_message)
    values (${practiceId}, ${clientId}, ${journeyId}, 'Halfway', current_date, 'send_message', 'Hello') returning id`
  return row!.id
}

async function newAutomationRule(sql: Sql, practiceId: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into public.automation_rules (practice_id, on_status, action, task_title)
    values (${practiceId}, 'booked', 'create_task', 'Book the consult') returning id`
  return row!.id
}

/** Splits a matrix line into its nine cells (whitespace-separated, in persona order). */
export function cells(line: string): Cell[] {
  const parsed = line.trim().split(/\s+/)
  for (const c of parsed) if (c !== '✓' && c !== '✗' && c !== '∅') throw new Error(`Bad matrix cell "${c}" in "${line}"`)
  return parsed as Cell[]
}
