import { ApiError, queryParamError } from './errors.ts'
import { parseField, splitTopLevel, stripSpaces, unquote, type Field } from './parse-util.ts'

export type SelectItem =
  | { kind: 'star' }
  | { kind: 'column'; field: Field; alias?: string; cast?: string }
  | {
      kind: 'embed'
      name: string
      alias?: string
      hint?: string
      join: 'inner' | 'left'
      spread: boolean
      children: SelectItem[]
    }

const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max'])
const CAST = /^[A-Za-z_][A-Za-z0-9_ ]*(\[\])?$/

/** Position of the alias colon: a single `:` not part of `::`, outside quotes. */
function aliasColon(item: string): number {
  let quoted = false
  for (let i = 0; i < item.length; i++) {
    const c = item[i]
    if (c === '"') quoted = !quoted
    if (quoted) continue
    if (c === '(' || c === '-') return -1
    if (c === ':' && item[i + 1] !== ':' && item[i - 1] !== ':') return i
    if (c === ':' && item[i + 1] === ':') return -1
  }
  return -1
}

function openParen(item: string): number {
  let quoted = false
  for (let i = 0; i < item.length; i++) {
    if (item[i] === '"') quoted = !quoted
    else if (!quoted && item[i] === '(') return i
  }
  return -1
}

function parseEmbed(raw: string, head: string, inner: string, spread: boolean, alias: string | undefined): SelectItem {
  const [nameRaw, ...hints] = head.split('!')
  const name = unquote(nameRaw ?? '')
  if (!name) throw queryParamError('failed to parse select parameter', `unexpected "${raw}" expecting an embedded resource`)
  if (AGGREGATES.has(name) && inner === '') {
    throw new ApiError(400, 'PGRST123', 'Use of aggregate functions is not allowed')
  }
  let join: 'inner' | 'left' = 'left'
  let hint: string | undefined
  for (const h of hints) {
    if (h === 'inner' || h === 'left') join = h
    else if (h && hint === undefined) hint = unquote(h)
    else throw queryParamError('failed to parse select parameter', `unexpected "!${h}" in "${raw}"`)
  }
  const item: SelectItem = { kind: 'embed', name, join, spread, children: inner === '' ? [] : parseItems(inner) }
  if (alias !== undefined) item.alias = alias
  if (hint !== undefined) item.hint = hint
  return item
}

function parseItem(raw: string): SelectItem {
  if (raw === '*') return { kind: 'star' }
  if (raw === '') throw queryParamError('failed to parse select parameter', 'unexpected empty select item')
  const spread = raw.startsWith('...')
  const body = spread ? raw.slice(3) : raw
  const colon = spread ? -1 : aliasColon(body)
  const alias = colon >= 0 ? unquote(body.slice(0, colon)) : undefined
  const rest = colon >= 0 ? body.slice(colon + 1) : body
  const paren = openParen(rest)
  if (paren >= 0) {
    if (!rest.endsWith(')')) throw queryParamError('failed to parse select parameter', `unexpected "${raw}" expecting ")"`)
    return parseEmbed(raw, rest.slice(0, paren), rest.slice(paren + 1, -1), spread, alias)
  }
  if (spread) throw queryParamError('failed to parse select parameter', `unexpected "${raw}" expecting "("`)
  const castAt = rest.indexOf('::')
  const cast = castAt >= 0 ? rest.slice(castAt + 2) : undefined
  if (cast !== undefined && !CAST.test(cast)) {
    throw queryParamError('failed to parse select parameter', `unexpected "${cast}" expecting a type name`)
  }
  const field = parseField(castAt >= 0 ? rest.slice(0, castAt) : rest, 'select parameter')
  const item: SelectItem = { kind: 'column', field }
  if (alias !== undefined) item.alias = alias
  if (cast !== undefined) item.cast = cast
  return item
}

function parseItems(input: string): SelectItem[] {
  return splitTopLevel(input).map(parseItem)
}

export function parseSelect(raw: string | null): SelectItem[] {
  if (raw === null || raw.trim() === '') return [{ kind: 'star' }]
  return parseItems(stripSpaces(raw))
}
