import type { Ctx } from '../context.ts'
import type { Params } from '../http.ts'

export type Handler = (ctx: Ctx, params: Params, args: string[]) => unknown

export interface Route {
  method: 'GET' | 'POST' | 'DELETE'
  pattern: RegExp
  handle: Handler
}

const ID = '([A-Za-z0-9_]+)'

/** `route('GET', '/v1/customers/:id', h)`: each `:name` matches one id and is passed to the handler in order. */
export function route(method: Route['method'], path: string, handle: Handler): Route {
  return { method, pattern: new RegExp(`^${path.replace(/:[a-z_]+/g, ID)}$`), handle }
}
