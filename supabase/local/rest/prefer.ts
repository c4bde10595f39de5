import { ApiError } from './errors.ts'

export interface Preferences {
  return?: 'minimal' | 'representation' | 'headers-only'
  count?: 'exact' | 'planned' | 'estimated'
  resolution?: 'merge-duplicates' | 'ignore-duplicates'
  missing?: 'default' | 'null'
  tx?: 'commit' | 'rollback'
  handling?: 'strict' | 'lenient'
  maxAffected?: number
  /** The preferences that were understood, for Preference-Applied. */
  applied: string[]
}

const ALLOWED: Record<string, string[]> = {
  return: ['minimal', 'representation', 'headers-only'],
  count: ['exact', 'planned', 'estimated'],
  resolution: ['merge-duplicates', 'ignore-duplicates'],
  missing: ['default', 'null'],
  tx: ['commit', 'rollback'],
  handling: ['strict', 'lenient'],
}

/** Parses every `Prefer` header (postgrest-js comma-joins them); unknown ones fail only with handling=strict. */
export function parsePrefer(header: string | string[] | undefined): Preferences {
  const tokens = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
  const prefs: Preferences = { applied: [] }
  const invalid: string[] = []
  for (const token of tokens) {
    const [name, value = ''] = token.split('=').map((s) => s.trim()) as [string, string?]
    if (name === 'max-affected' && /^\d+$/.test(value)) {
      prefs.maxAffected = Number(value)
      prefs.applied.push(token)
    } else if (ALLOWED[name]?.includes(value)) {
      const field = name as 'return'
      ;(prefs as unknown as Record<string, string>)[field] = value
      prefs.applied.push(token)
    } else if (name !== 'timezone' && name !== 'params') invalid.push(token)
  }
  if (prefs.handling === 'strict' && invalid.length) {
    throw new ApiError(400, 'PGRST122', 'Invalid preferences given with handling=strict', `Invalid preferences: ${invalid.join(', ')}`)
  }
  return prefs
}
