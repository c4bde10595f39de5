import { createHash, randomUUID } from 'node:crypto'
import type { Sql } from 'postgres'
import { addMember, type ClientRecord } from './world.ts'
import { createUser } from './personas.ts'

/**
 * Row factories: each inserts one fresh row as the superuser (so RLS is not involved) and returns
 * its id. Every table of the data model has one, used by the access matrix and the cascade test.
 */

async function insertReturningId(sql: Sql, table: string, row: Record<string, unknown>): Promise<string> {
  const [inserted] = await sql<{ id: string }[]>`insert into ${sql('public.' + table)} ${sql(row as Record<string, string>)} returning id::text`
  return inserted!.id
}

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex')

export async function newMember(sql: Sql, practiceId: string, role: 'admin' | 'doula' = 'doula') {
  const user = await createUser(sql)
  return addMember(sql, practiceId, user, role)
}

export async function newInvitation(sql: Sql, practiceId: string) {
  return insertReturningId(sql, 'practice_invitations', {
    practice_id: practiceId,
    email: `invitee-${randomUUID().slice(0, 8)}@test.doulaos.app`,
    role: 'doula',
    token_hash: sha256Hex(randomUUID()),
  })
}

export async function newPortalInvitation(sql: Sql, c: ClientRecord) {
  return insertReturningId(sql, 'portal_invitations', {
    practice_id: c.practiceId,
    client_id: c.id,
    email: `invitee-${randomUUID().slice(0, 8)}@test.doulaos.app`,
    token_hash: sha256Hex(randomUUID()),
  })
}

export async function newClient(sql: Sql, practiceId: string) {
  return insertReturningId(sql, 'clients', { practice_id: practiceId, first_name: 'Fresh', last_name: 'Client' })
}

export async function newJourney(sql: Sql, c: ClientRecord) {
  return insertReturningId(sql, 'journeys', { practice_id: c.practiceId, client_id: c.id, status: 'consult' })
}

export async function newMilestone(sql: Sql, c: ClientRecord, shared: boolean) {
  return insertReturningId(sql, 'milestones', {
    practice_id: c.practiceId,
    client_id: c.id,
    journey_id: c.journeyId,
    title: 'Birth plan review',
    kind: 'prenatal',
    shared_with_client: shared,
  })
}

export async function newAppointment(sql: Sql, c: ClientRecord, shared: boolean) {
  const startsAt = new Date(Date.now() + 86_400_000)
  return insertReturningId(sql, 'appointments', {
    practice_id: c.practiceId,
    client_id: c.id,
    journey_id: c.journeyId,
    kind: 'prenatal',
    starts_at: startsAt.toISOString(),
    ends_at: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    shared_with_client: shared,
  })
}

export async function newNote(sql: Sql, c: ClientRecord, authorId: string) {
  return insertReturningId(sql, 'notes', {
    practice_id: c.practiceId,
    client_id: c.id,
    journey_id: c.journeyId,
    author_id: authorId,
    body: 'Private observation',
  })
}

export async function newMessage(sql: Sql, c: ClientRecord, senderId: string, side: 'practice' | 'client') {
  return insertReturningId(sql, 'messages', {
    practice_id: c.practiceId,
    client_id: c.id,
    sender_id: senderId,
    sender_side: side,
    body: 'Hello there',
  })
}

export const storagePathFor = (c: ClientRecord, file = `${randomUUID()}.pdf`) => `${c.practiceId}/${c.id}/${file}`

export async function newDocument(sql: Sql, c: ClientRecord, uploadedBy: string, shared: boolean, storagePath = storagePathFor(c)) {
  return insertReturningId(sql, 'documents', {
    practice_id: c.practiceId,
    client_id: c.id,
    journey_id: c.journeyId,
    storage_path: storagePath,
    file_name: 'birth-plan.pdf',
    mime_type: 'application/pdf',
    size_bytes: 1024,
    kind: 'birth_plan',
    shared_with_client: shared,
    uploaded_by: uploadedBy,
  })
}

export const FORM_FIELDS = [{ id: 'allergies', type: 'short_text', label: 'Allergies', required: false }]

export async function newFormTemplate(sql: Sql, practiceId: string) {
  return insertReturningId(sql, 'form_templates', {
    practice_id: practiceId,
    name: 'Intake',
    kind: 'intake',
    fields: sql.json(FORM_FIELDS),
  })
}

export async function newFormRequest(sql: Sql, c: ClientRecord, templateId?: string) {
  return insertReturningId(sql, 'form_requests', {
    practice_id: c.practiceId,
    client_id: c.id,
    journey_id: c.journeyId,
    template_id: templateId ?? null,
    kind: 'intake',
    template_snapshot: sql.json({ name: 'Intake', kind: 'intake', version: 1, fields: FORM_FIELDS }),
    status: 'sent',
  })
}

/** An agreement sent to client `c`, waiting for her signature (and her partner's, when given). */
export async function newAgreementRequest(sql: Sql, c: ClientRecord, partner: { name: string; email: string } | null = null) {
  return insertReturningId(sql, 'form_requests', {
    practice_id: c.practiceId,
    client_id: c.id,
    journey_id: c.journeyId,
    kind: 'agreement',
    template_snapshot: sql.json({ name: 'Agreement', kind: 'agreement', version: 1, fields: FORM_FIELDS, body: 'We agree.' }),
    partner_name: partner?.name ?? null,
    partner_email: partner?.email ?? null,
  })
}

/** A 1×1 PNG: the smallest image form_signatures accepts. */
export const TINY_PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex')

/** An agreement client `c` signed and the practice countersigned: sealed, as the database leaves it. */
export async function newSealedAgreement(sql: Sql, c: ClientRecord, memberId: string) {
  const hash = sha256Hex(randomUUID())
  const id = await insertReturningId(sql, 'form_requests', {
    practice_id: c.practiceId,
    client_id: c.id,
    journey_id: c.journeyId,
    kind: 'agreement',
    template_snapshot: sql.json({ name: 'Service agreement', kind: 'agreement', version: 1, fields: [], body: 'We agree.' }),
    status: 'submitted',
    submitted_at: new Date().toISOString(),
    content_sha256: hash,
    sealed_at: new Date().toISOString(),
  })
  for (const [role, signer] of [['client', null], ['practice', memberId]] as const) {
    await sql`insert into public.form_signatures (practice_id, client_id, request_id, role, signer_user_id, signer_name, signer_email,
                                                 image_png, consent_text, content_sha256, time_zone)
              values (${c.practiceId}, ${c.id}, ${id}, ${role}, ${signer}, ${role + ' signer'}, ${role + '@test.doulaos.app'},
                      ${TINY_PNG}, 'I agree to sign electronically.', ${hash}, 'America/New_York')`
  }
  return id
}

export async function newFormSignature(sql: Sql, requestId: string) {
  const [row] = await sql<{ id: string }[]>`select id::text from public.form_signatures where request_id = ${requestId} order by role limit 1`
  return row!.id
}

export async function newAuditRow(sql: Sql, practiceId: string) {
  return insertReturningId(sql, 'audit_log', {
    practice_id: practiceId,
    actor_role: 'system',
    action: 'export.create',
    entity: 'practices',
    entity_id: practiceId,
  })
}

export async function newNotification(sql: Sql, practiceId: string) {
  return insertReturningId(sql, 'notifications', {
    practice_id: practiceId,
    recipient: 'someone@test.doulaos.app',
    template: 'appointment-reminder',
    payload: sql.json({ appointmentId: randomUUID() }),
    idempotency_key: randomUUID(),
  })
}

/** The member's live ICS feed in the practice (kept if she already has one). */
export async function newCalendarFeed(sql: Sql, practiceId: string, memberId: string) {
  await sql`insert into public.calendar_feeds (practice_id, member_id, token_hash)
            values (${practiceId}, ${memberId}, ${sha256Hex(randomUUID())}) on conflict do nothing`
}

/**
 * The practice's billing rows as a verified webhook leaves them (kept if it has them): a customer and
 * an active subscription with made-up Stripe ids. Returns both row ids.
 */
export async function newBillingRows(sql: Sql, practiceId: string): Promise<{ customer: string; subscription: string }> {
  const suffix = practiceId.replaceAll('-', '').slice(0, 20)
  await sql`insert into public.billing_customers (practice_id, stripe_customer_id) values (${practiceId}, ${'cus_r' + suffix})
            on conflict (practice_id) do nothing`
  const [customer] = await sql<{ id: string; stripe_customer_id: string }[]>`
    select id, stripe_customer_id from public.billing_customers where practice_id = ${practiceId}`
  await sql`insert into public.billing_subscriptions (practice_id, stripe_subscription_id, stripe_customer_id, status, plan, seats,
              subscription_created_at, fetched_at)
            values (${practiceId}, ${'sub_r' + suffix}, ${customer!.stripe_customer_id}, 'active', 'team', 50, now(), now())
            on conflict (practice_id) do nothing`
  const [subscription] = await sql<{ id: string }[]>`select id from public.billing_subscriptions where practice_id = ${practiceId}`
  return { customer: customer!.id, subscription: subscription!.id }
}

/** Puts a file's bytes in a bucket, for suites that need the stored objects behind the rows too. */
export type StoreObject = (bucket: 'client-files' | 'intake-pdfs', path: string, body: Buffer) => Promise<void>

export interface FillOptions {
  /** How many documents she has (default 1). */
  documents?: number
  /** When given, every document and the sealed agreement's PDF are stored too, as the app stores them. */
  store?: StoreObject
}

/**
 * One row in every tenant table for client `c` (and her practice), written as `memberId`; with
 * `store`, the documents' files and the agreement's PDF in their buckets as well.
 */
export async function fillEverything(sql: Sql, c: ClientRecord, memberId: string, { documents = 1, store }: FillOptions = {}) {
  const templateId = await newFormTemplate(sql, c.practiceId)
  for (let i = 0; i < documents; i++) {
    const path = storagePathFor(c, `file-${i}.pdf`)
    await store?.('client-files', path, Buffer.from(`%PDF-1.4 ${c.id} ${i}`))
    await newDocument(sql, c, memberId, true, path)
  }
  await newFormRequest(sql, c, templateId)
  const agreementId = await newSealedAgreement(sql, c, memberId)
  if (store) {
    const pdfPath = `${c.practiceId}/${c.id}/${agreementId}/signatures-2.pdf`
    await store('intake-pdfs', pdfPath, Buffer.from(`%PDF-1.4 agreement ${c.id}`))
    await sql`update public.form_requests set pdf_path = ${pdfPath}, pdf_signatures = 2 where id = ${agreementId}`
  }
  const appointmentId = await newAppointment(sql, c, true)
  await sql`insert into public.notes (practice_id, client_id, appointment_id, author_id, body)
            values (${c.practiceId}, ${c.id}, ${appointmentId}, ${memberId}, 'After the visit')`
  await sql`update public.journeys set primary_doula_id = ${memberId} where id = ${c.journeyId}`
  await newMilestone(sql, c, false)
  await newNote(sql, c, memberId)
  await newMessage(sql, c, memberId, 'practice')
  await newInvitation(sql, c.practiceId)
  await newPortalInvitation(sql, c)
  await newAuditRow(sql, c.practiceId)
  await newNotification(sql, c.practiceId)
  await sql`insert into public.client_deletion_requests (practice_id, client_id) values (${c.practiceId}, ${c.id})
            on conflict do nothing`
  await newCalendarFeed(sql, c.practiceId, memberId)
  await newBillingRows(sql, c.practiceId)
  await newInquiry(sql, c)
  await newAutomationRun(sql, c)
}

/** A status-change rule of the client's practice, the run it made for her journey and its to-do. */
export async function newAutomationRun(sql: Sql, c: ClientRecord) {
  const [rule] = await sql<{ id: string }[]>`
    insert into public.automation_rules (practice_id, on_status, action, task_title)
    values (${c.practiceId}, 'active', 'create_task', 'Plan the prenatal visit') returning id`
  const [task] = await sql<{ id: string }[]>`
    insert into public.tasks (practice_id, client_id, title) values (${c.practiceId}, ${c.id}, 'Plan the prenatal visit') returning id`
  await sql`insert into public.automation_runs (practice_id, rule_id, journey_id, state, task_id)
            values (${c.practiceId}, ${rule!.id}, ${c.journeyId}, 'done', ${task!.id})`
}

/** An inquiry from the public form on the client's journey, as submit_inquiry records it. */
export async function newInquiry(sql: Sql, c: ClientRecord) {
  await sql`insert into public.inquiries (practice_id, client_id, journey_id, name, email, message, utm)
            values (${c.practiceId}, ${c.id}, ${c.journeyId}, 'Inquiring person', 'inquiry@example.com', 'Hello', ${sql.json({ source: 'search' })})`
}

/** A practice with a Stripe customer but no subscription: where a forged subscription row would go. */
export async function rogueBillingPractice(sql: Sql): Promise<{ rogue: string; customer: string }> {
  const [practice] = await sql<{ id: string }[]>`
    insert into public.practices (name, slug) values ('Rogue billing', ${'rogue-billing-' + randomUUID().slice(0, 8)}) returning id`
  const customer = `cus_rogue${randomUUID().replaceAll('-', '').slice(0, 12)}`
  await sql`insert into public.billing_customers (practice_id, stripe_customer_id) values (${practice!.id}, ${customer})`
  return { rogue: practice!.id, customer }
}
