// Issue #6: the client's portal home under load, and a 20 MB PDF uploaded as her browser does (straight to Storage, then "complete").
import { randomFillSync, randomUUID } from 'node:crypto'
import { PROBE, type BenchContext } from '../support/context.ts'
import { profileFloor, profilePage } from '../support/page-profile.ts'
import type { GoalReport } from '../support/report.ts'
import { measureRss } from '../support/rss.ts'
import { seeded } from '../support/seed.ts'
import { signInCookie } from '../support/session.ts'
import { mb, ms, since } from '../support/stats.ts'
import { pageRows } from './render.ts'

/** Her login, then her client record and practice, then the page's queries at once. */
const PORTAL_ROUNDS = 2

export async function benchPortalHome(ctx: BenchContext): Promise<GoalReport> {
  const cookie = await signInCookie(ctx.admin, ctx.app.url, seeded.portalEmail(PROBE), '/portal')
  const profile = await profilePage(ctx, cookie, { name: 'Portal home', path: '/portal', expect: 'Hello, Client' })
  const floor = await profileFloor(ctx, cookie)
  return {
    title: 'Portal (#6): home of a client with portal access',
    rows: pageRows('Portal home', profile, floor, { rounds: PORTAL_ROUNDS }, ctx.options.concurrency),
    notes: [`Portal home: ${profile.chain.join('; ')}`],
  }
}

/** A file the content sniffing accepts as a PDF: the header, then noise. */
function fakePdf(bytes: number): Uint8Array<ArrayBuffer> {
  const pdf = randomFillSync(new Uint8Array(bytes))
  pdf.set(new TextEncoder().encode('%PDF-1.7\n'))
  return pdf
}

/** The response's JSON, or an error naming the step and what it answered. */
async function expectJson<T>(res: Response, status: number, step: string): Promise<T> {
  const answer = await res.text()
  if (res.status !== status) throw new Error(`${step} answered ${res.status}: ${answer}`)
  return JSON.parse(answer) as T
}

/** What her browser does first: her access token from the app, then the file straight into her staging folder. */
async function stage(ctx: BenchContext, cookie: string, body: Uint8Array<ArrayBuffer>): Promise<string> {
  const token = await fetch(`${ctx.app.url}/api/uploads/token`, { method: 'POST', headers: { cookie, origin: ctx.app.url } })
  const { accessToken } = await expectJson<{ accessToken: string }>(token, 200, 'The upload token')
  const { sub } = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { sub: string }
  const stagingPath = `${seeded.practiceId(PROBE)}/${sub}/${randomUUID()}`
  const { stack } = ctx.bench
  const res = await fetch(`${stack.apiUrl}/storage/v1/object/incoming/${stagingPath}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, apikey: stack.anonKey, 'content-type': 'application/pdf', 'x-upsert': 'false' },
    body,
  })
  await expectJson(res, 200, 'Staging the file')
  return stagingPath
}

/** Then she asks the app to complete it: a few hundred bytes of JSON, whatever the file's size. */
async function complete(ctx: BenchContext, cookie: string, stagingPath: string, fileName: string, size: number): Promise<void> {
  const res = await fetch(`${ctx.app.url}/api/documents`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: ctx.app.url },
    body: JSON.stringify({ stagingPath, fileName, size }),
  })
  await expectJson(res, 201, `Completing ${fileName}`)
}

/** Growth of the app's RSS while it completes an upload: runs measured 0.2–7.3 MiB of noise for 1 and 20 MiB files alike. */
const COMPLETE_RSS_BUDGET = 12 * 1024 * 1024

export async function benchUpload(ctx: BenchContext): Promise<GoalReport> {
  const cookie = await signInCookie(ctx.admin, ctx.app.url, seeded.portalEmail(PROBE), '/portal')
  const warmUp = fakePdf(4096)
  await complete(ctx, cookie, await stage(ctx, cookie, warmUp), 'warm-up.pdf', warmUp.byteLength)
  const size = ctx.options.uploadBytes
  const body = fakePdf(size)
  const start = performance.now()
  const stagingPath = await stage(ctx, cookie, body)
  const staged = since(start)
  const completing = performance.now()
  const { rss } = await measureRss(ctx.app.serverPid, () => complete(ctx, cookie, stagingPath, 'scan.pdf', size))
  const completed = since(completing)
  const elapsed = since(start)
  ctx.bench.recorder.take()

  const [stored] = await ctx.bench.stack.sql<{ size: string }[]>`
    select o.metadata->>'size' as size from public.documents d join storage.objects o on o.bucket_id = 'client-files' and o.name = d.storage_path
    where d.practice_id = ${seeded.practiceId(PROBE)} and d.file_name = 'scan.pdf'`
  const storedSize = Number(stored?.size ?? 0)
  return {
    title: `Portal (#6): upload of a ${mb(size)} PDF straight to Storage, then "complete" (POST /api/documents)`,
    rows: [
      { what: 'end-to-end time (token → staged → 201)', value: ms(elapsed) },
      { what: 'browser → Storage (staging)', value: ms(staged) },
      { what: '"complete" in the app (checks, move, row)', value: ms(completed) },
      { what: 'app RSS before → peak during "complete"', value: `${mb(rss.baseline)} → ${mb(rss.peak)}` },
      {
        what: 'app RSS growth during "complete"',
        value: mb(rss.growth),
        goal: `< ${mb(COMPLETE_RSS_BUDGET)} whatever the file's size: the bytes never pass through the app`,
        pass: rss.growth < COMPLETE_RSS_BUDGET,
      },
      { what: 'stored object size', value: mb(storedSize), goal: 'equals the file', pass: storedSize === size },
    ],
    notes: [
      `RSS is the next-server process's, sampled every 20 ms with the kernel's high-water mark reset before "complete" (${rss.samples} samples).`,
      'The app reads 16 bytes of the staged file (a Range request) and moves it inside Storage; the file itself goes from the browser to Storage.',
    ],
  }
}
