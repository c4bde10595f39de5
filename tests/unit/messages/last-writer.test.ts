import { describe, expect, it } from 'vitest'
import { lastWriter } from '@/lib/messages/names'

const me = '6f0c2a52-1c84-4a5c-9b2e-6d1c1d7f0a01'
const teammate = '6f0c2a52-1c84-4a5c-9b2e-6d1c1d7f0a02'

describe('lastWriter', () => {
  it('names who wrote the latest message from the viewer’s side', () => {
    expect(lastWriter({ last_sender_side: 'client', last_sender_id: teammate }, me)).toBe('She wrote')
    expect(lastWriter({ last_sender_side: 'practice', last_sender_id: me }, me)).toBe('You wrote')
    expect(lastWriter({ last_sender_side: 'practice', last_sender_id: teammate }, me)).toBe('A teammate wrote')
    expect(lastWriter({ last_sender_side: 'practice', last_sender_id: null }, me)).toBe('Sent automatically')
  })
})
