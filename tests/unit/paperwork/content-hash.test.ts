import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { canonicalJson, contentSha256 } from '@/lib/paperwork/content-hash'

describe('the evidence hash', () => {
  it('writes canonical JSON: keys sorted at every depth, no spaces, undefined left out', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 'é"' }], a: null, c: undefined })).toBe('{"a":null,"b":[3,{"a":"é\\"","z":1}]}')
  })

  it('is the SHA-256 of the canonical content and changes with any answer', () => {
    const snapshot = { name: 'Intake', kind: 'intake' as const, version: 2, fields: [{ id: 'a', type: 'short_text' as const, label: 'A' }] }
    const expected = createHash('sha256')
      .update('{"answers":{"a":"x"},"body":"","fields":[{"id":"a","label":"A","type":"short_text"}],"id":"r1","kind":"intake","name":"Intake","version":2}')
      .digest('hex')
    expect(contentSha256('r1', snapshot, { a: 'x' })).toBe(expected)
    expect(contentSha256('r1', snapshot, { a: 'y' })).not.toBe(expected)
  })
})
