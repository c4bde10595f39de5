import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint()

/** The rule ids ESLint reports for `code` as if it were the file at `filePath`. */
async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

describe('the layer rules (eslint.config.js)', () => {
  it('lets only the env modules read process.env in app code', async () => {
    const read = 'export const secret = process.env.CRON_SECRET\n'
    for (const file of ['lib/server/cron.ts', 'app/api/cron/outbox/route.ts', 'components/x.tsx', 'proxy.ts']) {
      expect(await rulesBroken(file, read), file).toContain('no-restricted-properties')
    }
    expect(await rulesBroken('lib/env.ts', read)).toEqual([])
    // Tools configure the processes they start.
    expect(await rulesBroken('scripts/dev.ts', read)).toEqual([])
  })

  it('keeps UI out of lib/', async () => {
    const ui = [
      "import { Button } from '@/components/ui/button'\nexport { Button }\n",
      "import { useAction } from 'next-safe-action/hooks'\nexport { useAction }\n",
      "'use client'\nexport const x = 1\n",
    ]
    for (const code of ui) expect(await rulesBroken('lib/messages/x.tsx', code), code).not.toEqual([])
    expect(await rulesBroken('components/messages/x.tsx', ui[0]!)).toEqual([])
  })

  it('gives lib/ the typed Db, not an untyped client', async () => {
    const untyped = "import type { SupabaseClient } from '@supabase/supabase-js'\nexport type X = SupabaseClient\n"
    expect(await rulesBroken('lib/portal/queries.ts', untyped)).toContain('no-restricted-imports')
    expect(await rulesBroken('lib/server/db.ts', untyped)).toEqual([])
  })
})
