// Issue #6: the client's portal home under load, and a 20 MB PDF through the real upload route.
import { randomFillSync } from 'node:crypto'
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

/** A body the upload route's content sniffing accepts as a PDF: the header, then noise. */
function fakePdf(bytes: number): Uint8Array<ArrayBuffer> {
  const pdf = randomFillSync(new Uint8Array(bytes))
  pdf.set(new TextEncoder().encode('%PDF-1.7\n'))
  return pdf
}

async function upload(ctx: BenchContext, cookie: string, name: string, body: Uint8Array<ArrayBuffer>): Promise<void> {
  const res = await fetch(`${ctx.app.url}/api/documents?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/pdf', origin: ctx.app.url },
    body,
  })
  const answer = await res.text()
  if (res.status !== 201) throw new Error(`Uploading ${name} answered ${res.status}: ${answer}`)
}

export async function benchUpload(ctx: BenchContext): Promise<GoalReport> {
  const cookie = await signInCookie(ctx.admin, ctx.app.url, seeded.portalEmail(PROBE), '/portal')
  await upload(ctx, cookie, 'warm-up.pdf', fakePdf(4096))
  const size = ctx.options.uploadBytes
  const body = fakePdf(size)
  const start = performance.now()
  const { rss } = await measureRss(ctx.app.serverPid, () => upload(ctx, cookie, 'scan.pdf', body))
  const elapsed = since(start)
  ctx.bench.recorder.take()

  const [stored] = await ctx.bench.stack.sql<{ size: string }[]>`
    select o.metadata->>'size' as size from public.documents d join storage.objects o on o.bucket_id = 'client-files' and o.name = d.storage_path
    where d.practice_id = ${seeded.practiceId(PROBE)} and d.file_name = 'scan.pdf'`
  const storedSize = Number(stored?.size ?? 0)
  return {
    title: `Portal (#6): upload of a ${mb(size)} PDF through POST /api/documents`,
    rows: [
      { what: 'end-to-end time (request sent → 201)', value: ms(elapsed) },
      { what: 'app RSS before → peak', value: `${mb(rss.baseline)} → ${mb(rss.peak)}` },
      {
        what: 'app RSS growth during the upload',
        value: mb(rss.growth),
        goal: `< 2 × the file (${mb(2 * size)}): not buffered twice`,
        pass: rss.growth < 2 * size,
      },
      { what: 'stored object size', value: mb(storedSize), goal: 'equals the file', pass: storedSize === size },
    ],
    notes: [`RSS is the next-server process's, sampled every 20 ms with the kernel's high-water mark reset before the upload (${rss.samples} samples).`],
  }
}
