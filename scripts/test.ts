// npm test — every test tier (vitest unit + integration + the stand-in's suite, Playwright e2e), one
// summary line at the end. With --ci it also runs the static checks (typecheck, lint, stale generated
// types) and a quick run of each benchmark (tiny sizes, timings not judged: a broken bench fails CI),
// and counts them.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

const CHROMIUM = '/usr/bin/chromium'
const root = join(import.meta.dirname, '..')
const bin = (name: string) => join(root, 'node_modules', '.bin', name)
const out = mkdtempSync(join(tmpdir(), 'doulaos-test-'))

interface Tally {
  name: string
  passed: number
  failed: number
}
const tallies: Tally[] = []

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1
}

function ensureChromium(): boolean {
  if (existsSync(CHROMIUM)) return true
  if (userInfo().uid !== 0) {
    console.error(`Chromium is missing. Install Debian's package, then run npm test again:\n  sudo apt-get install -y chromium`)
    return false
  }
  console.log('Installing Debian chromium for the browser tests…')
  run('apt-get', ['update', '-qq'])
  return run('apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' }) === 0 && existsSync(CHROMIUM)
}

/** The paperwork tests read the PDFs they make with Debian's pdftotext and pdftoppm (poppler-utils). */
function ensurePoppler(): boolean {
  if (spawnSync('pdftotext', ['-v']).status === 0) return true
  if (userInfo().uid !== 0) {
    console.error(`pdftotext is missing. Install Debian's package, then run npm test again:\n  sudo apt-get install -y poppler-utils`)
    return false
  }
  console.log('Installing Debian poppler-utils for the PDF tests…')
  run('apt-get', ['update', '-qq'])
  return run('apt-get', ['install', '-y', '-qq', 'poppler-utils'], { DEBIAN_FRONTEND: 'noninteractive' }) === 0
}

function vitest() {
  const report = join(out, 'vitest.json')
  const status = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
  if (!existsSync(report)) return tallies.push({ name: 'vitest', passed: 0, failed: 1 })
  const r = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; testResults: { status: string }[] }
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed').length
  const failed = r.numFailedTests || (status !== 0 ? Math.max(brokenFiles, 1) : 0)
  tallies.push({ name: 'vitest', passed: r.numPassedTests, failed })
}

function hasE2eSpecs() {
  const dir = join(root, 'tests', 'e2e')
  return existsSync(join(root, 'playwright.config.ts')) && existsSync(dir) && readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.spec.ts'))
}

function playwright() {
  if (!hasE2eSpecs()) return
  if (!ensureChromium()) return tallies.push({ name: 'e2e', passed: 0, failed: 1 })
  const report = join(out, 'playwright.json')
  const status = run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: report })
  if (!existsSync(report)) return tallies.push({ name: 'e2e', passed: 0, failed: 1 })
  const r = JSON.parse(readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number }; errors?: unknown[] }
  const failed = r.stats.unexpected + (status !== 0 && r.stats.unexpected === 0 ? 1 : 0)
  tallies.push({ name: 'e2e', passed: r.stats.expected + r.stats.flaky, failed })
}

function check(name: string, cmd: string, args: string[]) {
  console.log(`\n── ${name} ──`)
  const ok = run(cmd, args) === 0
  tallies.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 })
}

const ci = process.argv.includes('--ci')
if (ci) {
  check('typecheck', bin('tsc'), ['--noEmit'])
  if (existsSync(join(root, 'eslint.config.js'))) check('lint', bin('eslint'), ['.', '--max-warnings=0'])
  if (existsSync(join(root, 'scripts', 'db-types.ts'))) check('generated types are current', bin('tsx'), ['scripts/db-types.ts', '--check'])
}
ensurePoppler()
vitest()
playwright()
if (ci) {
  check('bench:local --quick', 'npm', ['run', 'bench:local', '--', '--quick'])
  check('bench:db --quick', 'npm', ['run', 'bench:db', '--', '--quick'])
  // The e2e run has just built the app; the bench reuses that build when there is one.
  const built = existsSync(join(root, '.next', 'BUILD_ID'))
  check('bench --quick', 'npm', ['run', 'bench', '--', '--quick', ...(built ? ['--skip-build'] : [])])
}

for (const t of tallies) console.log(`${t.name}: ${t.passed} passed, ${t.failed} failed`)
const passed = tallies.reduce((n, t) => n + t.passed, 0)
const failed = tallies.reduce((n, t) => n + t.failed, 0)
rmSync(out, { recursive: true, force: true })
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
