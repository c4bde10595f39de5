import { z } from 'zod'

export const PracticeRoleSchema = z.enum(['owner', 'admin', 'doula'])
export type PracticeRole = z.infer<typeof PracticeRoleSchema>

export const SwitchPracticeSchema = z.object({ practiceId: z.uuid() })
export type SwitchPractice = z.infer<typeof SwitchPracticeSchema>
