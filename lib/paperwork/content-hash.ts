import { createHash } from 'node:crypto'
import type { Answers, Snapshot } from './fields'

/**
 * The evidence hash of a submitted form: SHA-256 over the UTF-8 bytes of the canonical JSON of
 * what she was shown and what she answered —
 *
 *   { "answers": {...}, "body": "...", "fields": [...], "id": "<request id>", "kind": "...",
 *     "name": "...", "version": n }
 *
 * Canonical JSON: object keys sorted by UTF-16 code units at every depth, no whitespace, strings
 * and numbers as JSON.stringify writes them. Anyone holding the record can recompute it; the
 * certificate page prints it, and every signature on an agreement signs it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function signedContent(requestId: string, snapshot: Snapshot, answers: Answers) {
  return {
    id: requestId,
    name: snapshot.name,
    kind: snapshot.kind,
    version: snapshot.version ?? 1,
    body: snapshot.body ?? '',
    fields: snapshot.fields,
    answers,
  }
}

export function contentSha256(requestId: string, snapshot: Snapshot, answers: Answers): string {
  return createHash('sha256').update(canonicalJson(signedContent(requestId, snapshot, answers)), 'utf8').digest('hex')
}
