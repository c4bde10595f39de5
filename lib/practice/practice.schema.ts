import { z } from 'zod'

export const PracticeRoleSchema = z.enum(['owner', 'admin', 'doula'])
export type PracticeRole = z.infer<typeof PracticeRoleSchema>

export const SwitchPracticeSchema = z.object({ practiceId: z.uuid() })
export type SwitchPractice = z.infer<typeof SwitchPracticeSchema>

/** The cookie naming the practice the dashboard shows; membership is re-checked on every read. */
export const ACTIVE_PRACTICE_COOKIE = 'doulaos-practice'
