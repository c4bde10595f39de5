import { queryParamError } from './errors.ts'

/** Splits on `sep` outside double quotes and parentheses (PostgREST's list grammar). */
export function splitTopLevel(input: string, sep = ','): string[] {
  const out: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < input.length; i++) {
    const c = input[i]
    if (quoted) {
      if (c === '\\') i++
      else if (c === '"') quoted = false
    } else if (c === '"') quoted = true
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === sep && depth === 0) {
      out.push(input.slice(start, i))
      start = i + 1
    }
  }
  out.push(input.slice(start))
  return out
}

/** `"a \"b\""` → `a "b"`; unquoted text is returned as is. */
export function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1')
  }
  return value
}

/** Removes whitespace outside double quotes, as PostgREST's select parser tolerates. */
export function stripSpaces(input: string): string {
  let out = ''
  let quoted = false
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!
    if (c === '"' && input[i - 1] !== '\\') quoted = !quoted
    if (quoted || !/\s/.test(c)) out += c
  }
  return out
}

export interface JsonStep {
  arrow: '->' | '->>'
  key: string
}

/** A column reference with an optional JSON path: `data->a->>b`. */
export interface Field {
  name: string
  path: JsonStep[]
}

export function parseField(raw: string, context: string): Field {
  const parts = raw.split(/(->>|->)/)
  const name = unquote(parts[0] ?? '')
  if (!name) throw queryParamError(`failed to parse ${context}`, `unexpected "${raw}" expecting field name`)
  const path: JsonStep[] = []
  for (let i = 1; i < parts.length; i += 2) {
    const key = unquote(parts[i + 1] ?? '')
    if (!key) throw queryParamError(`failed to parse ${context}`, `unexpected end of input in JSON path "${raw}"`)
    path.push({ arrow: parts[i] as '->' | '->>', key })
  }
  return { name, path }
}

/** The last JSON key names a path's output, as in PostgREST (`data->>email` → `email`). */
export function fieldOutputName(field: Field): string {
  return field.path.length ? field.path[field.path.length - 1]!.key : field.name
}
