// The bench runs server modules in-process (the deletion goal's eraseAccount), outside Next.js, where
// the `server-only` guard throws on import. As in vitest (tests/helpers/server-only.ts), it resolves
// to an empty module here.
import { register } from 'node:module'

const hook = `export async function resolve(specifier, context, next) {
  return specifier === 'server-only' ? { url: 'data:text/javascript,', shortCircuit: true } : next(specifier, context)
}`
register(`data:text/javascript,${encodeURIComponent(hook)}`)
