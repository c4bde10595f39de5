import { invalidParam, missingParam, unknownParam } from './errors.ts'
import type { Param, Params } from './http.ts'

/** Refuses parameters the endpoint does not take, as Stripe does (`parameter_unknown`). */
export function allowOnly(params: Params, allowed: string[], prefix = '') {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw unknownParam(prefix ? `${prefix}[${key}]` : key)
  }
}

export function str(params: Params, key: string, param = key): string | undefined {
  const v = params[key]
  if (v === undefined) return undefined
  if (typeof v !== 'string') throw invalidParam(param, `Invalid string: ${JSON.stringify(v)}`, 'none')
  return v
}

export function requireStr(params: Params, key: string, param = key): string {
  const v = str(params, key, param)
  if (v === undefined || v === '') throw missingParam(param)
  return v
}

export function int(params: Params, key: string, param = key): number | undefined {
  const v = str(params, key, param)
  if (v === undefined) return undefined
  if (!/^-?\d+$/.test(v)) throw invalidParam(param, `Invalid integer: ${v}`, 'none')
  return Number(v)
}

export function bool(params: Params, key: string, param = key): boolean | undefined {
  const v = str(params, key, param)
  if (v === undefined) return undefined
  if (v !== 'true' && v !== 'false') throw invalidParam(param, `Invalid boolean: ${v}`, 'none')
  return v === 'true'
}

export function oneOf<T extends string>(params: Params, key: string, values: readonly T[], param = key): T | undefined {
  const v = str(params, key, param)
  if (v === undefined) return undefined
  if (!values.includes(v as T)) throw invalidParam(param, `Invalid ${param}: must be one of ${values.join(', ')}`, 'none')
  return v as T
}

export function obj(params: Params, key: string, param = key): Params | undefined {
  const v: Param | undefined = params[key]
  if (v === undefined || v === '') return undefined
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidParam(param, `Invalid object`, 'none')
  return v
}

export function list(params: Params, key: string, param = key): Param[] | undefined {
  const v = params[key]
  if (v === undefined) return undefined
  if (!Array.isArray(v)) throw invalidParam(param, 'Invalid array', 'none')
  return v
}

export function strings(params: Params, key: string): string[] | undefined {
  return list(params, key)?.map((v, i) => {
    if (typeof v !== 'string') throw invalidParam(`${key}[${i}]`, 'Invalid string', 'none')
    return v
  })
}

/**
 * Stripe's metadata update rules: keys are merged into what is there, a key set to '' is removed,
 * and `metadata=''` clears everything. At most 50 keys, keys ≤ 40 and values ≤ 500 characters.
 */
export function mergeMetadata(current: Record<string, string>, params: Params): Record<string, string> {
  const raw = params.metadata
  if (raw === undefined) return current
  if (raw === '') return {}
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalidParam('metadata', 'Invalid hash', 'none')
  const next = { ...current }
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') throw invalidParam(`metadata[${k}]`, 'Invalid string', 'none')
    if (k.length > 40) throw invalidParam(`metadata[${k}]`, 'Metadata keys can have a maximum length of 40 characters.', 'none')
    if (v.length > 500) throw invalidParam(`metadata[${k}]`, 'Metadata values can have a maximum length of 500 characters.', 'none')
    if (v === '') delete next[k]
    else next[k] = v
  }
  if (Object.keys(next).length > 50) throw invalidParam('metadata', 'You can only specify up to 50 metadata keys.', 'none')
  return next
}
