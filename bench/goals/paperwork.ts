// Issue #14: rendering and storing a form's PDF through the real download route — a 60-question
// intake and a 6-page agreement with two signatures — timed and with the app's RSS growth.
import { deflateSync } from 'node:zlib'
import { PDFDocument } from 'pdf-lib'
import { contentSha256 } from '@/lib/paperwork/content-hash'
import type { Answers, FormField, Snapshot } from '@/lib/paperwork/fields'
import { PROBE, type BenchContext } from '../support/context.ts'
import type { GoalReport } from '../support/report.ts'
import { measureRss } from '../support/rss.ts'
import { seeded } from '../support/seed.ts'
import { signInCookie } from '../support/session.ts'
import { mb, median, ms, percentile } from '../support/stats.ts'

export const PDF_P50_GOAL_MS = 300
export const PDF_RSS_GOAL = 30 * 1024 * 1024
const TIMED = 30
const WARM_UP = 3

const TYPES: FormField['type'][] = ['short_text', 'long_text', 'date', 'single_choice', 'yes_no', 'email', 'phone', 'multiple_choice', 'number', 'consent']

/** 60 questions of every kind, under a heading every ten, with realistic answers. */
function intake(): { snapshot: Snapshot; answers: Answers } {
  const fields: FormField[] = []
  const answers: Answers = {}
  for (let i = 0; i < 60; i++) {
    if (i % 10 === 0) fields.push({ id: `h_${i}`, type: 'heading', label: `Part ${i / 10 + 1}`, help: 'A few questions about this part of your care.' })
    const type = TYPES[i % TYPES.length]!
    const id = `q_${i}`
    const options = ['Hospital', 'Birth center', 'Home', 'Not sure yet']
    fields.push({ id, type, label: `Question ${i + 1}: what would you like your doula to know about this?`, required: i % 3 === 0, ...(type.endsWith('choice') ? { options } : {}) })
    answers[id] =
      type === 'long_text' ? 'A longer answer in her own words, about what matters to her and why. '.repeat(4).trim()
      : type === 'date' ? '2027-03-14'
      : type === 'single_choice' ? 'Birth center'
      : type === 'multiple_choice' ? ['Hospital', 'Home']
      : type === 'yes_no' ? 'yes'
      : type === 'email' ? 'partner@example.com'
      : type === 'phone' ? '+1 555 0100'
      : type === 'number' ? 3
      : type === 'consent' ? true
      : 'A short answer'
  }
  return { snapshot: { name: 'Bench intake (60 questions)', kind: 'intake', version: 1, fields }, answers }
}

/** An agreement whose text fills about four pages; its signatures and certificate bring it to six. */
function agreement(): Snapshot {
  const section = (n: number) =>
    `## Section ${n}\n${'The practice and the client agree to what this section sets out, in plain words that both can read and keep. '.repeat(6).trim()}\n\n- A first point of this section.\n- A second point, which runs a little longer so that it wraps onto another line.\n- A third point.\n`
  const body = `# Bench service agreement\n\nThis agreement is between **Bench Practice** and **Bench Client**.\n\n${Array.from({ length: 16 }, (_, i) => section(i + 1)).join('\n')}`
  return { name: 'Bench agreement', kind: 'agreement', version: 1, fields: [], body }
}

/** A real PNG of a signature stroke (RGBA), about the size the signing pad produces. */
function signaturePng(seed: number): string {
  const width = 600
  const height = 180
  const rows: Buffer[] = []
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 4)
    for (let x = 20; x < width - 20; x++) {
      const line = Math.round(height / 2 + Math.sin((x + seed * 13) / 30) * 40)
      if (Math.abs(line - y) <= 2) row.set([43, 37, 33, 255], 1 + x * 4)
    }
    rows.push(row)
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type), data])
    let c = 0xffffffff
    for (const b of body) {
      c ^= b
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    }
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE((c ^ 0xffffffff) >>> 0)
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 6, 0, 0, 0], 8)
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))])
  return `\\x${png.toString('hex')}`
}

async function rpc(ctx: BenchContext, fn: string, args: Record<string, unknown>) {
  const { error } = await ctx.admin.rpc(fn, args)
  if (error) throw new Error(`${fn}: ${error.message}`)
}

/** The two forms, sent to the probe practice's portal client and submitted (and signed) as the app does. */
async function seedForms(ctx: BenchContext) {
  const { sql } = ctx.bench.stack
  const practiceId = seeded.practiceId(PROBE)
  const [client] = await sql<{ id: string; portal_user_id: string }[]>`
    select id, portal_user_id from public.clients where practice_id = ${practiceId} and portal_user_id is not null limit 1`
  const [owner] = await sql<{ user_id: string }[]>`select user_id from public.practice_members where practice_id = ${practiceId} and role = 'owner' limit 1`
  if (!client || !owner) throw new Error('The probe practice has no portal client or owner')
  const insert = async (snapshot: Snapshot) => {
    const [row] = await sql<{ id: string }[]>`insert into public.form_requests (practice_id, client_id, kind, template_snapshot)
      values (${practiceId}, ${client.id}, ${snapshot.kind}, ${sql.json(snapshot as never)}) returning id`
    return row!.id
  }
  const evidence = { p_ip: '203.0.113.10', p_user_agent: 'bench' }
  const form = intake()
  const intakeId = await insert(form.snapshot)
  await rpc(ctx, 'submit_form_request', {
    p_request_id: intakeId, p_user_id: client.portal_user_id, p_answers: form.answers, p_content_sha256: contentSha256(intakeId, form.snapshot, form.answers), ...evidence,
  })
  const text = agreement()
  const agreementId = await insert(text)
  const signature = { p_consent_text: 'I agree to sign electronically.', ...evidence }
  await rpc(ctx, 'sign_form_request', {
    p_request_id: agreementId, p_role: 'client', p_signer_user_id: client.portal_user_id, p_signer_name: 'Bench Client', p_signer_email: 'client@bench.test',
    p_image_png: signaturePng(1), p_answers: {}, p_content_sha256: contentSha256(agreementId, text, {}), ...signature,
  })
  await rpc(ctx, 'sign_form_request', {
    p_request_id: agreementId, p_role: 'practice', p_signer_user_id: owner.user_id, p_signer_name: 'Bench Owner', p_signer_email: 'owner@bench.test', p_image_png: signaturePng(2), ...signature,
  })
  return { intakeId, agreementId }
}

interface Timing {
  times: number[]
  bytes: number
  pages: number
}

/** GETs the download route with her session after forgetting the stored PDF, so each request renders and stores it anew. */
async function renderRepeatedly(ctx: BenchContext, cookie: string, requestId: string, count: number): Promise<Timing> {
  const { sql } = ctx.bench.stack
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    await sql`update public.form_requests set pdf_signatures = null where id = ${requestId}`
    const start = performance.now()
    const res = await fetch(`${ctx.app.url}/api/forms/${requestId}/pdf`, { headers: { cookie }, redirect: 'manual' })
    await res.arrayBuffer()
    times.push(performance.now() - start)
    if (res.status !== 303) throw new Error(`GET /api/forms/${requestId}/pdf answered ${res.status}`)
  }
  const [object] = await sql<{ size: string; name: string }[]>`
    select o.metadata->>'size' as size, o.name from public.form_requests r join storage.objects o on o.bucket_id = 'intake-pdfs' and o.name = r.pdf_path where r.id = ${requestId}`
  const { data, error } = await ctx.admin.storage.from('intake-pdfs').download(object!.name)
  if (error) throw new Error(`Reading the stored PDF: ${error.message}`)
  const pages = (await PDFDocument.load(await data.arrayBuffer())).getPageCount()
  return { times, bytes: Number(object!.size), pages }
}

export async function benchPaperwork(ctx: BenchContext): Promise<GoalReport> {
  const { intakeId, agreementId } = await seedForms(ctx)
  const cookie = await signInCookie(ctx.admin, ctx.app.url, seeded.portalEmail(PROBE), '/portal')
  const rows: GoalReport['rows'] = []
  const notes: string[] = []
  for (const [label, id] of [['60-question intake', intakeId], ['agreement with two signatures', agreementId]] as const) {
    await renderRepeatedly(ctx, cookie, id, WARM_UP)
    const { rss } = await measureRss(ctx.app.serverPid, () => renderRepeatedly(ctx, cookie, id, 1))
    const { result, rss: series } = await measureRss(ctx.app.serverPid, () => renderRepeatedly(ctx, cookie, id, TIMED))
    ctx.bench.recorder.take()
    const p50 = median(result.times)
    rows.push(
      { what: `${label}: the PDF`, value: `${result.pages} pages, ${(result.bytes / 1024).toFixed(0)} KiB` },
      { what: `${label}: render and store, p50 / p95 (GET → 303)`, value: `${ms(p50)} / ${ms(percentile(result.times, 0.95))}`, goal: `p50 ≤ ${PDF_P50_GOAL_MS} ms`, pass: p50 <= PDF_P50_GOAL_MS },
      { what: `${label}: app RSS growth for one PDF (${mb(rss.baseline)} → peak ${mb(rss.peak)})`, value: mb(rss.growth), goal: `≤ ${mb(PDF_RSS_GOAL)}`, pass: rss.growth <= PDF_RSS_GOAL },
      { what: `${label}: app RSS growth over ${TIMED} PDFs in a row (garbage not yet collected)`, value: mb(series.growth) },
    )
    notes.push(`${label}: ${TIMED} requests one after another after ${WARM_UP} warm-up ones; each renders the PDF with pdf-lib, stores it in intake-pdfs, records the download and mints the 60-second link.`)
  }
  notes.push(
    "RSS is the next-server process's, sampled every 20 ms with the kernel's high-water mark reset before each series. The goal is the growth while one PDF is made; over a series the heap grows until V8 collects it (the renderer alone, run 400 times with a forced GC in between, kept its heap flat).",
  )
  return { title: 'Paperwork (#14): a form PDF rendered and stored through GET /api/forms/:id/pdf', rows, notes }
}
