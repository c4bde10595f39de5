import { readdirSync, readFileSync, writeFileSync } from 'node:fs'

/** A field of /proc/<pid>/status in bytes (the kernel reports kB). */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`)
  return Number(match[1]) * 1024
}

function parentOf(pid: number): number | null {
  try {
    // The command name in field 2 may hold spaces and parentheses: parse after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return null
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
  } catch {
    return ''
  }
}

/**
 * The process that serves requests under `rootPid`: `next start` names its server process
 * `next-server`; without one, the root itself serves.
 */
export function findServerPid(rootPid: number): number {
  const tree = new Set([rootPid])
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)
  for (let grew = true; grew; ) {
    grew = false
    for (const pid of pids) {
      const parent = parentOf(pid)
      if (!tree.has(pid) && parent !== null && tree.has(parent)) {
        tree.add(pid)
        grew = true
      }
    }
  }
  return [...tree].find((pid) => commandOf(pid).startsWith('next-server')) ?? rootPid
}

export interface RssReport {
  /** VmRSS just before the measured work. */
  baseline: number
  /** The highest resident size during the work: the kernel's VmHWM when it could be reset, else the sampled maximum. */
  peak: number
  /** peak − baseline. */
  growth: number
  samples: number
}

/**
 * Samples a process's VmRSS every ~20 ms while `work` runs. The kernel's high-water mark is reset
 * first (clear_refs 5) so VmHWM catches a spike shorter than the sampling period.
 */
export async function measureRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; rss: RssReport }> {
  let hwmReset = true
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
  } catch {
    hwmReset = false
  }
  const baseline = statusBytes(pid, 'VmRSS')
  let sampled = baseline
  let samples = 0
  const timer = setInterval(() => {
    sampled = Math.max(sampled, statusBytes(pid, 'VmRSS'))
    samples += 1
  }, 20)
  try {
    const result = await work()
    sampled = Math.max(sampled, statusBytes(pid, 'VmRSS'))
    const peak = hwmReset ? Math.max(sampled, statusBytes(pid, 'VmHWM')) : sampled
    return { result, rss: { baseline, peak, growth: peak - baseline, samples } }
  } finally {
    clearInterval(timer)
  }
}
