import { describe, expect, it } from 'vitest'
import { checkDocument, MAX_DOCUMENT_BYTES, safeDisplayName, sniffType } from '@/lib/documents/file-type'

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)))

describe('sniffType', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%âãÏÓ'), 'application/pdf'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'image/jpeg'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'), 'image/png'],
    ['an iPhone HEIC', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]), 'image/heic'],
    ['a HEIF with the mif1 brand', bytes([0, 0, 0, 0x1c], 'ftypmif1', [0, 0, 0, 0]), 'image/heic'],
  ])('recognises %s', (_, head, type) => {
    expect(sniffType(head)).toBe(type)
  })

  it.each([
    ['HTML renamed .pdf', bytes('<!doctype html><html>')],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['an SVG with an XML prolog', bytes('<?xml version="1.0"?><svg')],
    ['an MP4 (ftyp, not HEIC)', bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 0, 0])],
    ['a ZIP', bytes([0x50, 0x4b, 0x03, 0x04])],
    ['a PDF signature not at the start (polyglot)', bytes('GIF89a%PDF-1.4')],
    ['a truncated PNG signature', bytes([0x89, 0x50, 0x4e])],
  ])('refuses %s', (_, head) => {
    expect(sniffType(head)).toBeNull()
  })
})

describe('checkDocument', () => {
  const pdf = bytes('%PDF-1.4')
  it('accepts a PDF within the limit', () => {
    expect(checkDocument(MAX_DOCUMENT_BYTES, pdf)).toEqual({ ok: true, type: 'application/pdf' })
  })
  it('refuses an empty file', () => {
    expect(checkDocument(0, new Uint8Array())).toMatchObject({ ok: false, problem: 'empty' })
  })
  it('refuses a file over 20 MB, whatever it is', () => {
    expect(checkDocument(MAX_DOCUMENT_BYTES + 1, pdf)).toMatchObject({ ok: false, problem: 'too_large' })
  })
  it('explains an unsupported type in plain words', () => {
    const check = checkDocument(100, bytes('<html>'))
    expect(check).toMatchObject({ ok: false, problem: 'unsupported_type' })
    expect(!check.ok && check.message).toMatch(/Only PDF, JPEG, PNG and HEIC/)
  })
})

describe('safeDisplayName', () => {
  it.each([
    ['ultrasound.pdf', 'ultrasound.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\scan.png', 'scan.png'],
    ['bad\u0000name\u001f.pdf', 'badname.pdf'],
    ['..', 'document'],
    ['   ', 'document'],
  ])('%j → %j', (input, expected) => {
    expect(safeDisplayName(input)).toBe(expected)
  })

  it('bounds the length', () => {
    expect(safeDisplayName(`${'a'.repeat(500)}.pdf`)).toHaveLength(200)
  })
})
