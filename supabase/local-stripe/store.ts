import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ApiError, invalidParam, noSuch } from './errors.ts'
import type { Params } from './http.ts'

/** A Stripe object as stored: plain JSON, `id` and `object` always set. */
export type StripeObject = Record<string, unknown> & { id: string; object: string; created?: number }

export interface IdempotentResult {
  /** Method, path and canonical parameters of the first request. */
  fingerprint: string
  status: number
  body: string
  /** Real time (ms) it was stored; keys are pruned after 24 hours, as at Stripe. */
  storedAt: number
}

export interface Delivery {
  id: string
  eventId: string
  endpointId: string
  /** Real-time ms of each attempt, with the answer's status (0: no answer) or the error. */
  attempts: { at: number; status: number; error?: string }[]
  /** Real-time ms of the next attempt; undefined once delivered or given up. */
  nextAttemptAt?: number
  state: 'pending' | 'delivered' | 'failed'
}

export interface State {
  version: 1
  /** Creation order of every object, so lists sort newest first even within one second. */
  seq: number
  /** Stand-in clock: seconds added to real time (live clock) or the frozen time itself. */
  clock: { mode: 'live'; offset: number } | { mode: 'frozen'; time: number }
  objects: Record<string, { seq: number; obj: StripeObject }>
  /** Per-object facts Stripe keeps but does not show (e.g. that trial_will_end was sent). */
  internal: Record<string, Record<string, unknown>>
  idempotency: Record<string, IdempotentResult>
  deliveries: Delivery[]
}

export function emptyState(clock: State['clock']): State {
  return { version: 1, seq: 0, clock, objects: {}, internal: {}, idempotency: {}, deliveries: [] }
}

/** In-memory state, written to `file` (atomically, after each change) when there is one. */
export class Store {
  private dirty = false

  constructor(
    readonly state: State,
    private readonly file?: string,
  ) {}

  static load(file: string | undefined, fresh: () => State): Store {
    if (!file) return new Store(fresh())
    try {
      const state = JSON.parse(readFileSync(file, 'utf8')) as State
      if (state.version === 1) return new Store(state, file)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read ${file}: ${(err as Error).message}`)
    }
    return new Store(fresh(), file)
  }

  /** Writes the state if anything changed since the last save. */
  save() {
    if (!this.file || !this.dirty) return
    this.dirty = false
    mkdirSync(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, JSON.stringify(this.state))
    renameSync(tmp, this.file)
  }

  touch() {
    this.dirty = true
  }

  insert<T extends StripeObject>(obj: T): T {
    this.state.objects[obj.id] = { seq: ++this.state.seq, obj }
    this.touch()
    return obj
  }

  find(id: string): StripeObject | undefined {
    return this.state.objects[id]?.obj
  }

  /** The object of that kind, or Stripe's 404 (`No such customer: 'cus_x'`). */
  get(id: string, object: string, param = 'id'): StripeObject {
    const found = this.find(id)
    if (!found || found.object !== object) throw noSuch(id, param)
    return found
  }

  remove(id: string) {
    delete this.state.objects[id]
    this.touch()
  }

  all(object: string): StripeObject[] {
    return Object.values(this.state.objects)
      .filter((e) => e.obj.object === object)
      .sort((a, b) => b.seq - a.seq)
      .map((e) => e.obj)
  }

  internal(id: string): Record<string, unknown> {
    this.state.internal[id] ??= {}
    this.touch()
    return this.state.internal[id]
  }
}

export interface ListPage<T> {
  object: 'list'
  data: T[]
  has_more: boolean
  url: string
}

function intParam(value: unknown, param: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw invalidParam(param, `Invalid integer: ${String(value)}`, 'none')
  return Number(value)
}

/** `created[gte]=…` and friends, or `created=<ts>`. */
function createdFilter(created: unknown): (ts: number) => boolean {
  if (created === undefined) return () => true
  if (typeof created === 'string') {
    const at = intParam(created, 'created')
    return (ts) => ts === at
  }
  const c = created as Params
  const gt = intParam(c.gt, 'created[gt]')
  const gte = intParam(c.gte, 'created[gte]')
  const lt = intParam(c.lt, 'created[lt]')
  const lte = intParam(c.lte, 'created[lte]')
  return (ts) => (gt === undefined || ts > gt) && (gte === undefined || ts >= gte) && (lt === undefined || ts < lt) && (lte === undefined || ts <= lte)
}

/**
 * Stripe's cursor pagination (docs.stripe.com/api/pagination): newest first, `limit` 1–100 (default
 * 10), `starting_after` gives the objects after that id, `ending_before` the ones before it (the
 * nearest `limit` of them), never both; `has_more` says whether more lie in that direction.
 */
export function paginate<T extends StripeObject>(items: T[], params: Params, url: string): ListPage<T> {
  const limit = intParam(params.limit, 'limit') ?? 10
  if (limit < 1 || limit > 100) throw invalidParam('limit', 'This value must be greater than or equal to 1 and less than or equal to 100.', 'none')
  const after = params.starting_after
  const before = params.ending_before
  if (after !== undefined && before !== undefined) {
    throw new ApiError(400, 'invalid_request_error', 'You may only specify one of these parameters: ending_before, starting_after.')
  }
  const inRange = createdFilter(params.created)
  const list = items.filter((o) => inRange(Number(o.created ?? 0)))
  if (typeof before === 'string') {
    const at = list.findIndex((o) => o.id === before)
    if (at === -1) throw noSuch(before, 'ending_before')
    const start = Math.max(0, at - limit)
    return { object: 'list', data: list.slice(start, at), has_more: start > 0, url }
  }
  let start = 0
  if (typeof after === 'string') {
    const at = list.findIndex((o) => o.id === after)
    if (at === -1) throw noSuch(after, 'starting_after')
    start = at + 1
  }
  return { object: 'list', data: list.slice(start, start + limit), has_more: start + limit < list.length, url }
}
