/** Quotes an identifier for PostgreSQL; every name taken from a request goes through here. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`
}

/** A string literal; only used for values that are not user input (JSON path keys are). */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/**
 * Collects bind parameters for one statement. Values are bound untyped (postgres.js infers type 0
 * for strings) so PostgreSQL coerces them to the column type, as PostgREST does.
 */
export class Params {
  readonly values: string[] = []

  add(value: string): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}
