import { readFileSync } from 'node:fs'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import PrivacyPage from '@/app/(marketing)/privacy/page'
import SecurityPage from '@/app/(marketing)/security/page'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&apos;/g, "'").replace(/\s+/g, ' ')

describe('retention is stated where people read it (S44, S48)', () => {
  it('the privacy notice gives the audit retention and the backup window', () => {
    const page = text(renderToStaticMarkup(<PrivacyPage />))
    expect(page).toMatch(/record of sensitive actions: 12 months .* until it is six years old/)
    expect(page).toMatch(/backups: kept by our database provider for up to 7 days/i)
  })

  it('the security page and the README say the same', () => {
    expect(text(renderToStaticMarkup(<SecurityPage />))).toMatch(/viewable for 12 months, then .* kept for six years/)
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    expect(readme).toMatch(/\| audit log \(`audit_log`\) \| 12 months in the table/)
    expect(readme).toMatch(/\| audit archive \| 6 years from the month of its rows/)
  })
})
