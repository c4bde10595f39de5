import { z } from 'zod'

/** A message as either side writes it; the composer and both send actions use this one schema. */
export const MessageBodySchema = z.object({
  body: z.string().trim().min(1, 'Write a message first.').max(10000, 'Messages can be up to 10,000 characters.'),
})
