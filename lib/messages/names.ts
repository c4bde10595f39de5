/** How a client is named in lists: her preferred name when she has one. */
export function clientDisplayName(c: { first_name: string; last_name: string; preferred_name: string | null }): string {
  const first = c.preferred_name?.trim() || c.first_name
  return [first, c.last_name].filter(Boolean).join(' ')
}
