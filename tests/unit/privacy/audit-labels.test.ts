import { describe, expect, it } from 'vitest'
import { actionLabel, subjectLabel, whoLabel, type AuditNames } from '@/lib/privacy/audit/audit-labels'

const names: AuditNames = {
  people: new Map([['u-maya', { name: 'Maya Lopez', role: 'owner' }]]),
  clients: new Map([['c-alma', 'Alma Reyes']]),
  clientLogins: new Map([['u-alma', 'c-alma']]),
  subjectClients: new Map([['d-scan', 'c-alma'], ['d-gone', 'c-erased']]),
}

describe('audit log labels', () => {
  it('says what happened in words, row changes by the record they touched', () => {
    expect(actionLabel({ action: 'client.view', entity: 'clients' })).toBe("Viewed a client's record")
    expect(actionLabel({ action: 'auth.sign_in', entity: 'sessions' })).toBe('Signed in')
    expect(actionLabel({ action: 'insert', entity: 'appointments' })).toBe('Appointment added')
    expect(actionLabel({ action: 'delete', entity: 'documents' })).toBe('Document deleted')
    expect(actionLabel({ action: 'clients.export', entity: 'clients' })).toBe('Exported the client list')
    expect(actionLabel({ action: 'billing.erasure_reminder_7d', entity: 'practices' })).toBe('Reminded: data deleted in 7 days')
    expect(actionLabel({ action: 'legacy.thing', entity: 'clients' })).toBe('legacy.thing')
  })

  it('names members and clients of this practice, and anyone else by what she was', () => {
    expect(whoLabel({ actor_id: 'u-maya', actor_role: 'owner' }, names)).toEqual({ name: 'Maya Lopez', role: 'Owner' })
    expect(whoLabel({ actor_id: 'u-alma', actor_role: 'client' }, names)).toEqual({ name: 'Alma Reyes', role: 'Client' })
    // Her own writes while creating the practice, before she was its member, are recorded as a client's.
    expect(whoLabel({ actor_id: 'u-maya', actor_role: 'client' }, names)).toEqual({ name: 'Maya Lopez', role: 'Owner' })
    expect(whoLabel({ actor_id: 'u-left', actor_role: 'doula' }, names)).toEqual({ name: 'Former member', role: 'Doula' })
    expect(whoLabel({ actor_id: 'u-erased', actor_role: 'client' }, names)).toEqual({ name: 'Former client', role: 'Client' })
    expect(whoLabel({ actor_id: null, actor_role: 'system' }, names)).toEqual({ name: 'DoulaOS (automatic)', role: null })
  })

  it('names the client an event concerns, and an erased one without her id', () => {
    expect(subjectLabel({ entity: 'clients', entity_id: 'c-alma' }, names)).toEqual({ entity: 'Client record', client: 'Alma Reyes' })
    expect(subjectLabel({ entity: 'documents', entity_id: 'd-scan' }, names)).toEqual({ entity: 'Document', client: 'Alma Reyes' })
    expect(subjectLabel({ entity: 'documents', entity_id: 'd-gone' }, names)).toEqual({ entity: 'Document', client: 'Erased client' })
    expect(subjectLabel({ entity: 'clients', entity_id: 'c-other' }, names)).toEqual({ entity: 'Client record', client: 'Erased client' })
    expect(subjectLabel({ entity: 'practices', entity_id: 'p-1' }, names)).toEqual({ entity: 'Practice', client: null })
  })
})
