import { z } from 'zod'

/**
 * Variables the browser may see. Next.js inlines `process.env.NEXT_PUBLIC_*` into client bundles at
 * build time, so this module must never mention a secret. Server code reads the same values at
 * runtime through `serverEnv()` in `lib/env.ts`.
 */
export const PublicEnvSchema = z.object({
  NEXT_PUBLIC_SITE_URL: z.url({
    error: 'Set NEXT_PUBLIC_SITE_URL to the public URL of the app, e.g. https://app.doulaos.com',
  }),
  NEXT_PUBLIC_SUPABASE_URL: z.url({
    error: 'Set NEXT_PUBLIC_SUPABASE_URL to the Supabase API URL (Project Settings → API), e.g. https://xyz.supabase.co',
  }),
  NEXT_PUBLIC_SUPABASE_ANON_KEY: z
    .string({ error: 'Set NEXT_PUBLIC_SUPABASE_ANON_KEY to the Supabase anon (publishable) key' })
    .min(20, 'NEXT_PUBLIC_SUPABASE_ANON_KEY looks truncated: copy the whole anon key'),
  NEXT_PUBLIC_LOCAL_MAILBOX_URL: z
    .url({ error: 'NEXT_PUBLIC_LOCAL_MAILBOX_URL must be a URL (local development only; leave unset in production)' })
    .optional(),
})

export type PublicEnv = z.infer<typeof PublicEnvSchema>

/** Formats zod issues as one line per variable, so a misconfigured deploy says exactly what to set. */
export function describeEnvIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `- ${issue.message}`).join('\n')
}

let cached: PublicEnv | undefined

/** Browser-safe configuration. The literal `process.env.NEXT_PUBLIC_*` reads are what Next.js inlines. */
export function publicEnv(): PublicEnv {
  if (cached) return cached
  const parsed = PublicEnvSchema.safeParse({
    NEXT_PUBLIC_SITE_URL: process.env.NEXT_PUBLIC_SITE_URL,
    NEXT_PUBLIC_SUPABASE_URL: process.env.NEXT_PUBLIC_SUPABASE_URL,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY,
    NEXT_PUBLIC_LOCAL_MAILBOX_URL: process.env.NEXT_PUBLIC_LOCAL_MAILBOX_URL || undefined,
  })
  if (!parsed.success) throw new Error(`Invalid public environment:\n${describeEnvIssues(parsed.error)}`)
  cached = parsed.data
  return cached
}
