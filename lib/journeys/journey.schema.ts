import { z } from 'zod'
import { OptionalDateSchema } from '@/lib/clients/client.schema'

export const BIRTH_PLACES = ['hospital', 'birth_center', 'home', 'other'] as const
export const BIRTH_PLACE_LABELS: Record<(typeof BIRTH_PLACES)[number], string> = {
  hospital: 'Hospital',
  birth_center: 'Birth center',
  home: 'Home',
  other: 'Somewhere else',
}
export const DELIVERY_MODES = ['vaginal', 'vbac', 'cesarean', 'other'] as const
export const DELIVERY_MODE_LABELS: Record<(typeof DELIVERY_MODES)[number], string> = {
  vaginal: 'Vaginal',
  vbac: 'VBAC',
  cesarean: 'Cesarean',
  other: 'Other',
}

/** A datetime-local input's value, read as wall-clock time in the practice's time zone. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/

export const RecordBirthSchema = z.object({
  journeyId: z.uuid(),
  bornAt: z.string().regex(LOCAL_DATE_TIME, 'Enter the date and time of the birth.'),
  birthPlace: z.enum(BIRTH_PLACES, 'Choose where the birth happened.'),
  deliveryMode: z.enum(DELIVERY_MODES, 'Choose how the baby was born.'),
  babyCount: z.coerce.number<string | number>().int('Enter a whole number.').min(1, 'At least one baby.').max(8, 'At most 8 babies.'),
})
export type RecordBirthInput = z.input<typeof RecordBirthSchema>

export const StartJourneySchema = z.object({
  clientId: z.uuid(),
  dueDate: OptionalDateSchema,
})
export type StartJourneyInput = z.input<typeof StartJourneySchema>
