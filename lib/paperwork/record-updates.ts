import type { Json } from '@/lib/database.types'
import { RECORD_TARGET_LABELS, RECORD_TARGETS, formatAnswer, type Answers, type FormField, type RecordTarget } from './fields'

export type JsonObject = { [key: string]: Json | undefined }

export const isJsonObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The parts of her record an intake can fill in, as they stand now. */
export interface CurrentRecord {
  preferredName: string | null
  pronouns: string | null
  phone: string | null
  address: JsonObject
  dueDate: string | null
  partner: JsonObject | null
}

export interface ProposedUpdate {
  target: RecordTarget
  label: string
  current: string
  proposed: string
  /** The stored value to write (a date, a phone number, a name). */
  value: string
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')

export function currentValue(record: CurrentRecord, target: RecordTarget): string {
  switch (target) {
    case 'preferred_name':
      return text(record.preferredName)
    case 'pronouns':
      return text(record.pronouns)
    case 'phone':
      return text(record.phone)
    case 'due_date':
      return text(record.dueDate)
    case 'address_line1':
      return text(record.address.line1)
    case 'address_city':
      return text(record.address.city)
    case 'address_region':
      return text(record.address.region)
    case 'address_postal_code':
      return text(record.address.postal_code)
    case 'partner_name':
      return text(record.partner?.name)
    case 'partner_phone':
      return text(record.partner?.phone)
    case 'partner_email':
      return text(record.partner?.email)
  }
}

/**
 * What her answers would change on her record: one line per linked field she answered with
 * something the record does not already say. The first field linked to a target wins.
 */
export function proposeRecordUpdates(fields: readonly FormField[], answers: Answers, record: CurrentRecord): ProposedUpdate[] {
  const proposals: ProposedUpdate[] = []
  for (const target of RECORD_TARGETS) {
    const field = fields.find((f) => f.maps_to === target)
    const answer = field ? answers[field.id] : undefined
    if (!field || typeof answer !== 'string' || answer.trim() === '') continue
    const value = answer.trim()
    const current = currentValue(record, target)
    if (value === current) continue
    proposals.push({
      target,
      label: RECORD_TARGET_LABELS[target],
      current: current === '' ? 'Not recorded' : target === 'due_date' ? formatAnswer(field, current) : current,
      proposed: formatAnswer(field, value),
      value,
    })
  }
  return proposals
}

/** The client row's new values for the chosen updates (the journey's due date is written apart). */
export function clientChanges(record: CurrentRecord, chosen: ProposedUpdate[]) {
  const changes: { preferred_name?: string; pronouns?: string; phone?: string; address?: JsonObject; partner?: JsonObject } = {}
  for (const p of chosen) {
    if (p.target === 'preferred_name') changes.preferred_name = p.value
    if (p.target === 'pronouns') changes.pronouns = p.value
    if (p.target === 'phone') changes.phone = p.value
    if (p.target.startsWith('address_')) {
      const key = p.target === 'address_postal_code' ? 'postal_code' : p.target.slice('address_'.length)
      changes.address = { ...(changes.address ?? record.address), [key]: p.value }
    }
    if (p.target.startsWith('partner_')) {
      changes.partner = { relationship: 'partner', ...(changes.partner ?? record.partner ?? {}), [p.target.slice('partner_'.length)]: p.value }
    }
  }
  return changes
}
