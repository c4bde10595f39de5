import { describe, expect, it } from 'vitest'
import { isUuid } from '@/lib/ids'

describe('isUuid', () => {
  it.each(['0b8a3c5e-1f2d-4e6a-9b7c-8d9e0f1a2b3c', '0B8A3C5E-1F2D-4E6A-9B7C-8D9E0F1A2B3C', '00000000-0000-0000-0000-000000000000'])('accepts %s', (id) => {
    expect(isUuid(id)).toBe(true)
  })

  it.each([
    ['empty', ''],
    ['dashes only', '------------------------------------'],
    ['no dashes', '0b8a3c5e1f2d4e6a9b7c8d9e0f1a2b3c'],
    ['a non-hex digit', '0b8a3c5e-1f2d-4e6a-9b7c-8d9e0f1a2b3g'],
    ['braces', '{0b8a3c5e-1f2d-4e6a-9b7c-8d9e0f1a2b3c}'],
    ['a trailing newline', '0b8a3c5e-1f2d-4e6a-9b7c-8d9e0f1a2b3c\n'],
    ['a path', '../0b8a3c5e-1f2d-4e6a-9b7c-8d9e0f1a'],
  ])('refuses %s', (_label, value) => {
    expect(isUuid(value)).toBe(false)
  })
})
