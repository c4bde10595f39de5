/** How a client is named in lists: her preferred name when she has one. */
export function clientDisplayName(c: { first_name: string; last_name: string; preferred_name: string | null }): string {
  const first = c.preferred_name?.trim() || c.first_name
  return [first, c.last_name].filter(Boolean).join(' ')
}

/** Who wrote a thread's latest message, as the inbox says it to `viewerId`. */
export function lastWriter(row: { last_sender_side: 'practice' | 'client'; last_sender_id: string | null }, viewerId: string): string {
  if (row.last_sender_side === 'client') return 'She wrote'
  if (row.last_sender_id === null) return 'Sent automatically'
  return row.last_sender_id === viewerId ? 'You wrote' : 'A teammate wrote'
}
