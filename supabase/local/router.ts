import FindMyWay from 'find-my-way'

export type Method = FindMyWay.HTTPMethod

/** Path parameters of a matched route, percent-decoded; `*` holds the rest of a wildcard route's path. */
export type PathParams = Record<string, string>

export type RouteMatch<H> = { found: true; handler: H; params: PathParams } | { found: false; status: 404 | 405 }

/**
 * How every service of the stand-in routes: find-my-way (the router under fastify, which Storage
 * itself runs on) maps method and path to a handler. No match is 404, or 405 when the path exists
 * for another method; each service answers those in its own error format.
 */
export class Router<H> {
  private readonly routes: FindMyWay.Instance<FindMyWay.HTTPVersion.V1>
  private readonly methods = new Set<Method>()

  constructor(options: { ignoreTrailingSlash?: boolean } = {}) {
    // Object keys and function names may be long; the default (100 characters) would turn them into 404s.
    this.routes = FindMyWay({ ignoreTrailingSlash: options.ignoreTrailingSlash ?? false, maxParamLength: 8192 })
  }

  on(methods: Method | Method[], path: string, handler: H): this {
    const list = Array.isArray(methods) ? methods : [methods]
    for (const m of list) this.methods.add(m)
    this.routes.on(list, path, () => undefined, { handler })
    return this
  }

  match(method: string, path: string): RouteMatch<H> {
    const hit = this.routes.find(method as Method, path)
    if (hit) return { found: true, handler: (hit.store as { handler: H }).handler, params: hit.params as PathParams }
    const elsewhere = [...this.methods].some((m) => m !== method && this.routes.find(m, path) !== null)
    return { found: false, status: elsewhere ? 405 : 404 }
  }
}
