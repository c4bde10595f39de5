export const CLIENT_TABS = ['overview', 'appointments', 'notes', 'paperwork', 'documents', 'messages'] as const
export type ClientTab = (typeof CLIENT_TABS)[number]

/** The tab a `?tab=` value names; anything else is the overview. */
export const isClientTab = (value: string | undefined): value is ClientTab => CLIENT_TABS.some((t) => t === value)
