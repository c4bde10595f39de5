import { describe, expect, it } from 'vitest'
import { stageOf, timelineOf, type RequestSummary } from '@/lib/paperwork/status'

const base: RequestSummary = {
  id: 'r', clientId: 'c', kind: 'agreement', name: 'Agreement', status: 'sent', note: null, dueOn: null,
  createdAt: '2026-12-01T10:00:00Z', lastSentAt: '2026-12-01T10:00:00Z', sendCount: 1, openedAt: null, startedAt: null,
  submittedAt: null, cancelledAt: null, sealedAt: null, partnerName: 'Sam', signatures: [],
}

describe('where a form stands', () => {
  it('follows an agreement from sent to signed by everyone', () => {
    expect(stageOf(base)).toBe('sent')
    expect(stageOf({ ...base, openedAt: '2026-12-01T11:00:00Z' })).toBe('opened')
    expect(stageOf({ ...base, status: 'in_progress' })).toBe('in_progress')
    const signed = { ...base, status: 'submitted' as const, signatures: [{ role: 'client' as const, signedAt: '2026-12-02T09:00:00Z', signerName: 'Liv' }] }
    expect(stageOf(signed)).toBe('awaiting_practice')
    const countersigned = { ...signed, signatures: [...signed.signatures, { role: 'practice' as const, signedAt: '2026-12-02T10:00:00Z', signerName: 'Maya' }] }
    expect(stageOf(countersigned)).toBe('awaiting_partner')
    expect(stageOf({ ...countersigned, sealedAt: '2026-12-03T10:00:00Z' })).toBe('signed')
    expect(stageOf({ ...base, kind: 'intake', status: 'submitted' })).toBe('submitted')
    expect(stageOf({ ...base, status: 'cancelled' })).toBe('cancelled')
  })

  it('dates every step, resends included', () => {
    const r = { ...base, sendCount: 3, lastSentAt: '2026-12-02T10:00:00Z', openedAt: '2026-12-02T11:00:00Z', cancelledAt: '2026-12-04T10:00:00Z', status: 'cancelled' as const }
    expect(timelineOf(r).map((s) => s.label)).toEqual(['Sent', 'Sent again (2×)', 'Opened', 'Cancelled'])
  })
})
