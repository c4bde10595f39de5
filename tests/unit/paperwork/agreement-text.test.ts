import { describe, expect, it } from 'vitest'
import { fillMergeFields, mergeFieldsIn, parseAgreement, unknownMergeFields } from '@/lib/paperwork/agreement-text'

describe('agreement text', () => {
  it('reads headings, paragraphs, lists and emphasis, and nothing else as markup', () => {
    const blocks = parseAgreement('# Title\n\nFirst line\nsame paragraph with **bold** and *italic*.\n\n## Services\n- one\n- **two**\n\n<script>alert(1)</script>')
    expect(blocks).toEqual([
      { type: 'heading', level: 1, runs: [{ text: 'Title', bold: false, italic: false }] },
      {
        type: 'paragraph',
        runs: [
          { text: 'First line same paragraph with ', bold: false, italic: false },
          { text: 'bold', bold: true, italic: false },
          { text: ' and ', bold: false, italic: false },
          { text: 'italic', bold: false, italic: true },
          { text: '.', bold: false, italic: false },
        ],
      },
      { type: 'heading', level: 2, runs: [{ text: 'Services', bold: false, italic: false }] },
      { type: 'list', items: [[{ text: 'one', bold: false, italic: false }], [{ text: 'two', bold: true, italic: false }]] },
      { type: 'paragraph', runs: [{ text: '<script>alert(1)</script>', bold: false, italic: false }] },
    ])
  })

  it('fills known merge fields, leaves an honest blank for a missing value, and names unknown ones', () => {
    const text = 'Between {{ practice.name }} and {{client.full_name}} for {{fee}}; {{client.shoe_size}}.'
    expect(mergeFieldsIn(text)).toEqual(['practice.name', 'client.full_name', 'fee', 'client.shoe_size'])
    expect(unknownMergeFields(text)).toEqual(['client.shoe_size'])
    expect(fillMergeFields(text, { 'practice.name': 'Harbor', 'client.full_name': 'Olivia Bennett' })).toBe('Between Harbor and Olivia Bennett for ________; {{client.shoe_size}}.')
  })

  it('does not resolve a merge field named like an object member', () => {
    expect(unknownMergeFields('{{constructor}} {{toString}}')).toEqual(['constructor', 'toString'])
  })
})
