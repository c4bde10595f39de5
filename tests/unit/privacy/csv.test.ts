import { describe, expect, it } from 'vitest'
import { csvField, csvRow } from '@/lib/privacy/csv'

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
    ['Zoë 🌸', 'Zoë 🌸'],
  ])('writes %j as %j', (input, expected) => {
    expect(csvField(input)).toBe(expected)
  })

  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
  ])('defuses the formula %j', (input, expected) => {
    expect(csvField(input)).toBe(expected)
  })

  it('keeps numbers, booleans and nulls as values', () => {
    expect(csvField(-3.5)).toBe('-3.5')
    expect(csvField(true)).toBe('true')
    expect(csvField(12n)).toBe('12')
    expect(csvField(null)).toBe('')
    expect(csvField(undefined)).toBe('')
  })

  it('writes objects as quoted JSON', () => {
    expect(csvField({ a: 1, b: 'x' })).toBe('"{""a"":1,""b"":""x""}"')
    expect(csvField([1, 2])).toBe('"[1,2]"')
  })
})

describe('csvRow', () => {
  it('joins fields with commas and ends with CRLF', () => {
    expect(csvRow(['id', 'a,b', null, 4])).toBe('id,"a,b",,4\r\n')
  })
})
