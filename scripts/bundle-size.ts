// npm run bundle-size -- [--build | --serve] [route…] — the gzipped JavaScript a modern browser
// downloads on a route's first load, from the build manifests of the last `next build`.
//   --build  runs `next build` first (with an ephemeral local stack's environment)
//   --serve  builds, then starts `next start`, fetches each route (the dashboard signed in as the
//            seeded owner), checks that its <script> tags name exactly the computed chunks, and
//            measures the bytes `next start` actually sends with `Accept-Encoding: gzip`. It must
//            build: NEXT_PUBLIC_* values (the stack's URL) are inlined into the build.
import type { ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { gzipSync } from 'node:zlib'
import { createServerClient } from '@supabase/ssr'
import { createClient } from '@supabase/supabase-js'
import { startLocalStack, type LocalStack } from '@doulaos/supabase-local'
import { localAppEnv, localStackEnv, REPO_ROOT } from './local-env.ts'
import { freePort, runNext, startNext, stopServer } from './next-process.ts'

const DIST = join(REPO_ROOT, '.next')
const DEFAULT_ROUTES = ['/login', '/signup', '/portal-login', '/dashboard', '/privacy']
/** Seeded by supabase/seed.sql as the owner of the demo practice. */
const SIGNED_IN_AS = 'maya@demo.doulaos.app'
const SIGNED_IN_PREFIXES = ['/dashboard', '/portal/']

export interface RouteChunks {
  route: string
  /** Chunks every route loads: React, React DOM, the Next.js client runtime, the Turbopack runtime. */
  framework: string[]
  /** The route's own chunks: its layouts, page and boundaries, minus the framework. */
  own: string[]
}

interface BuildManifest {
  rootMainFiles: string[]
  polyfillFiles: string[]
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`

/** gzip at zlib's default level, which is what `next start`'s compression uses. */
const gzipBytes = (file: string) => gzipSync(readFileSync(join(DIST, file))).length

/** "/(auth)/login/page" for "/login", from the build's own route table. */
function appPathOf(route: string): string {
  const routes = readJson<Record<string, string>>(join(DIST, 'app-path-routes-manifest.json'))
  const match = Object.entries(routes).find(([appPath, url]) => url === route && appPath.endsWith('/page'))
  if (!match) throw new Error(`No page for ${route} in the last build (is it a route handler or misspelt?)`)
  return match[0]
}

/**
 * Boundaries whose chunks load only when they render (a 404, a crash of the root layout): the
 * served HTML of a working page does not include them, though Next's route-bundle-stats counts them.
 */
const RENDERED_ON_DEMAND = /\/(not-found|global-error|forbidden|unauthorized)$/

/**
 * The entry chunks of the segments a working page renders (root layout, error boundaries, nested
 * layouts, the page): the client reference manifest is a script assigning one global.
 */
function entryChunks(appPath: string): string[] {
  const file = join(DIST, 'server', 'app', `${appPath}_client-reference-manifest.js`)
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {}
  sandbox.globalThis = sandbox
  runInNewContext(readFileSync(file, 'utf8'), sandbox)
  const manifest = sandbox.__RSC_MANIFEST?.[appPath]
  if (!manifest) throw new Error(`${file} does not describe ${appPath}`)
  const rendered = Object.entries(manifest.entryJSFiles).filter(([segment]) => !RENDERED_ON_DEMAND.test(segment))
  return [...new Set(rendered.flatMap(([, chunks]) => chunks))]
}

export function routeChunks(route: string): RouteChunks {
  const { rootMainFiles } = readJson<BuildManifest>(join(DIST, 'build-manifest.json'))
  const framework = new Set(rootMainFiles)
  const own = entryChunks(appPathOf(route)).filter((file) => !framework.has(file))
  return { route, framework: rootMainFiles, own }
}

/** Next's own first-load list (diagnostics/route-bundle-stats.json), which adds the on-demand boundaries. */
function nextsFirstLoad(route: string): string[] | undefined {
  const file = join(DIST, 'diagnostics', 'route-bundle-stats.json')
  if (!existsSync(file)) return undefined
  const stats = readJson<{ route: string; firstLoadChunkPaths: string[] }[]>(file)
  return stats.find((entry) => entry.route === route)?.firstLoadChunkPaths.map((path) => path.replace(/^\.next\//, ''))
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((item) => b.includes(item))

/** One GET without decompression: the status, headers and body bytes exactly as sent. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const parts: Buffer[] = []
      res.on('data', (part: Buffer) => parts.push(part))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** Session cookies for the seeded owner, made the way /auth/confirm makes them (verifyOtp). */
async function ownerCookies(stack: LocalStack): Promise<string> {
  const admin = createClient(stack.apiUrl, stack.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } })
  const { data, error } = await admin.auth.admin.generateLink({ type: 'magiclink', email: SIGNED_IN_AS })
  if (error) throw error
  const jar = new Map<string, string>()
  const client = createServerClient(stack.apiUrl, stack.anonKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
  })
  const verified = await client.auth.verifyOtp({ type: 'magiclink', token_hash: data.properties.hashed_token })
  if (verified.error) throw verified.error
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
}

export interface ServedScripts {
  modules: string[]
  noModule: string[]
}

/** The external scripts in the served HTML: what a modern browser fetches, and the noModule ones it skips. */
export function scriptsIn(html: string): ServedScripts {
  const served: ServedScripts = { modules: [], noModule: [] }
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    const src = /\ssrc="\/_next\/([^"]+)"/.exec(tag)?.[1]
    if (!src) continue
    ;(/\snoModule\b/i.test(tag) ? served.noModule : served.modules).push(src)
  }
  return served
}

interface Measured extends RouteChunks {
  frameworkGzip: number
  ownGzip: number
  /** What Next's route-bundle-stats adds: chunks of boundaries that load only when they render. */
  onDemandGzip: number
  /** Bytes `next start` sent for the same scripts with `Accept-Encoding: gzip` (--serve only). */
  servedGzip?: number
}

async function verifyServed(appUrl: string, route: string, expected: RouteChunks, cookie: string): Promise<number> {
  const headers: Record<string, string> = SIGNED_IN_PREFIXES.some((prefix) => `${route}/`.startsWith(prefix)) ? { cookie } : {}
  const page = await rawGet(`${appUrl}${route}`, headers)
  if (page.status !== 200) throw new Error(`${route} answered ${page.status} (location: ${String(page.headers.location)})`)
  const served = scriptsIn(page.body.toString('utf8'))
  const computed = [...expected.framework, ...expected.own]
  if (!sameSet(served.modules, computed)) {
    throw new Error(`${route}: the HTML loads ${served.modules.join(', ')} but the manifests say ${computed.join(', ')}`)
  }
  const { polyfillFiles } = readJson<BuildManifest>(join(DIST, 'build-manifest.json'))
  if (!sameSet(served.noModule, polyfillFiles)) throw new Error(`${route}: unexpected noModule scripts ${served.noModule.join(', ')}`)
  let total = 0
  for (const src of served.modules) {
    const res = await rawGet(`${appUrl}/_next/${src}`, { 'accept-encoding': 'gzip' })
    if (res.status !== 200 || res.headers['content-encoding'] !== 'gzip') throw new Error(`${src} was not served gzipped`)
    total += res.body.length
  }
  return total
}

function measure(route: string): Measured {
  const chunks = routeChunks(route)
  const ours = [...chunks.framework, ...chunks.own]
  const missing = nextsFirstLoad(route)?.filter((file) => !ours.includes(file)) ?? []
  const sum = (files: string[]) => files.reduce((total, file) => total + gzipBytes(file), 0)
  return { ...chunks, frameworkGzip: sum(chunks.framework), ownGzip: sum(chunks.own), onDemandGzip: sum(missing) }
}

function report(rows: Measured[]) {
  const { polyfillFiles } = readJson<BuildManifest>(join(DIST, 'build-manifest.json'))
  console.log('\nFramework chunks (every route):')
  for (const file of rows[0]?.framework ?? []) console.log(`  ${file.padEnd(40)} ${kB(gzipBytes(file)).padStart(9)}`)
  console.log(`noModule polyfills, never downloaded by a modern browser, not counted: ${polyfillFiles.map((f) => `${f} ${kB(gzipBytes(f))}`).join(', ')}`)
  console.log("\n| route | framework | route | total | served by next start | not loaded, in Next's count |")
  console.log('|---|---:|---:|---:|---:|---:|')
  for (const row of rows) {
    const served = row.servedGzip === undefined ? '' : kB(row.servedGzip)
    const total = kB(row.frameworkGzip + row.ownGzip)
    console.log(`| \`${row.route}\` | ${kB(row.frameworkGzip)} | ${kB(row.ownGzip)} | ${total} | ${served} | ${kB(row.onDemandGzip)} |`)
  }
  for (const row of rows) {
    console.log(`\n${row.route} own chunks:`)
    for (const file of row.own) console.log(`  ${file.padEnd(40)} ${kB(gzipBytes(file)).padStart(9)}`)
  }
}

async function main() {
  const args = process.argv.slice(2)
  const serve = args.includes('--serve')
  const build = serve || args.includes('--build')
  const routes = args.filter((arg) => !arg.startsWith('--'))
  const targets = routes.length > 0 ? routes : DEFAULT_ROUTES

  let stack: LocalStack | undefined
  let server: ChildProcess | undefined
  try {
    const appPort = await freePort()
    const appUrl = `http://127.0.0.1:${appPort}`
    let env: NodeJS.ProcessEnv = process.env
    if (build) {
      stack = await startLocalStack({ ephemeral: true, projectDir: REPO_ROOT, seed: true, env: localStackEnv(appUrl) })
      env = { ...process.env, ...localAppEnv(stack, appUrl), NEXT_TELEMETRY_DISABLED: '1' }
    }
    if (build) await runNext(['build'], env)
    const rows = targets.map(measure)
    if (serve && stack) {
      server = await startNext(appUrl, env, 'ignore')
      const cookie = await ownerCookies(stack)
      for (const row of rows) row.servedGzip = await verifyServed(appUrl, row.route, row, cookie)
      console.log('The served HTML of every route loads exactly the computed chunks.')
    }
    report(rows)
  } finally {
    if (server) await stopServer(server)
    await stack?.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    // An explicit exit: the stopped stack's handles would otherwise let a failure end with status 0.
    process.exit(1)
  })
}
