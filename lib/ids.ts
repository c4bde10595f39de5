/** A UUID in its canonical text form, as Postgres writes one (any version, either case). */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether a URL segment or parameter can be a row id; anything else is `not_found` without a query. */
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value)
