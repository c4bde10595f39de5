import { describe, expect, it } from 'vitest'
import { isDoulaSignup } from '@/lib/auth/onboarding'

describe('isDoulaSignup', () => {
  it('is true for a sign-up that named a practice', () => {
    expect(isDoulaSignup({ full_name: 'Amara Okafor', practice_name: 'Willow Birth Support' })).toBe(true)
  })

  it.each([[undefined], [{}], [{ practice_name: '   ' }], [{ practice_name: 42 }], [{ invited_to_practice_name: 'Willow' }]])(
    'is false for %j',
    (metadata) => {
      expect(isDoulaSignup(metadata)).toBe(false)
    },
  )
})
