/** Quotes an identifier for PostgreSQL; every name taken from a request goes through here. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`
}

/**
 * A string literal. Complete quoting for any text under standard_conforming_strings (which the REST
 * pool sets on its connections): backslashes are ordinary characters, quotes are doubled.
 */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/**
 * Request values in a statement. They go in as untyped string literals, which PostgreSQL coerces to
 * the column's type exactly as it would an untyped bind parameter (PostgREST's binding). Inline
 * values let a request's whole transaction travel as one simple-protocol message (see runner.ts).
 */
export class Params {
  add(value: string): string {
    return literal(value)
  }
}
