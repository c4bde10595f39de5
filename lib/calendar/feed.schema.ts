import { z } from 'zod'

/** A feed's one option: private feeds show what and when, never who. */
export const FeedOptionsSchema = z.object({ private: z.boolean() })
