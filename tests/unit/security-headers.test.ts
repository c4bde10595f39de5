import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import nextConfig from '../../next.config'

const root = join(import.meta.dirname, '..', '..')

describe('static security headers', () => {
  it('come from next.config.ts alone, so `next start` sends what Vercel sends', () => {
    const vercel = JSON.parse(readFileSync(join(root, 'vercel.json'), 'utf8')) as Record<string, unknown>
    expect(Object.keys(vercel)).not.toContain('headers')
    expect(Object.keys(vercel)).not.toContain('routes')
  })

  it('set one referrer policy, same-origin, on every path', async () => {
    const rules = (await nextConfig.headers?.()) ?? []
    const referrer = rules.flatMap((rule) =>
      rule.headers.filter((h) => h.key.toLowerCase() === 'referrer-policy').map((h) => ({ source: rule.source, value: h.value })),
    )
    expect(referrer).toEqual([{ source: '/:path*', value: 'same-origin' }])
  })
})
