import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts, type RGB } from 'pdf-lib'
import type { Run } from '../agreement-text'

/** US Letter, in points. */
export const PAGE = { width: 612, height: 792, margin: 56, top: 60, bottom: 64 } as const
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin

const hex = (value: string): RGB => rgb(parseInt(value.slice(1, 3), 16) / 255, parseInt(value.slice(3, 5), 16) / 255, parseInt(value.slice(5, 7), 16) / 255)

/** The emails' palette (emails/components/email-layout.tsx): the PDF looks like the rest of DoulaOS. */
export const COLORS = { ink: hex('#2b2521'), muted: hex('#6b5f57'), accent: hex('#9a4a3a'), line: hex('#e8dfd6'), wash: hex('#f7f3ee') }

export interface Fonts {
  regular: PDFFont
  bold: PDFFont
  italic: PDFFont
  mono: PDFFont
}

/**
 * The standard PDF fonts encode Windows-1252 only. Characters they cannot draw are replaced here
 * (accents are kept where the character set has them, others lose the accent, the rest become "?")
 * rather than failing the render; the stored answers and the content hash keep every character.
 */
const LATIN_FALLBACKS: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŧ: 'T', ŧ: 't', '\u2212': '-', '\u2010': '-', '\u2011': '-' }

export function drawable(text: string, supported: Set<number>): string {
  let out = ''
  for (const ch of text.replace(/\t/g, '    ')) {
    const code = ch.codePointAt(0) ?? 63
    if (supported.has(code)) {
      out += ch
      continue
    }
    const plain = LATIN_FALLBACKS[ch] ?? ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    out += [...plain].every((c) => supported.has(c.codePointAt(0) ?? 0)) && plain !== '' ? plain : '?'
  }
  return out
}

interface Word {
  text: string
  font: PDFFont
  width: number
}

/** Lays text out top to bottom, starting a new page whenever the next line would not fit. */
export class Layout {
  readonly doc: PDFDocument
  readonly fonts: Fonts
  page!: PDFPage
  y = 0
  private readonly charsets = new Map<PDFFont, Set<number>>()

  private constructor(doc: PDFDocument, fonts: Fonts) {
    this.doc = doc
    this.fonts = fonts
    this.newPage()
  }

  static async create(title: string, author: string): Promise<Layout> {
    const doc = await PDFDocument.create()
    doc.setTitle(title)
    doc.setAuthor(author)
    doc.setCreator('DoulaOS')
    doc.setProducer('DoulaOS (pdf-lib)')
    const [regular, bold, italic, mono] = await Promise.all([
      doc.embedFont(StandardFonts.Helvetica),
      doc.embedFont(StandardFonts.HelveticaBold),
      doc.embedFont(StandardFonts.HelveticaOblique),
      doc.embedFont(StandardFonts.Courier),
    ])
    return new Layout(doc, { regular, bold, italic, mono })
  }

  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height])
    this.y = PAGE.height - PAGE.top
  }

  /** Moves to a new page unless `height` points still fit above the footer. */
  ensure(height: number) {
    if (this.y - height < PAGE.bottom) this.newPage()
  }

  space(points: number) {
    this.y -= points
  }

  clean(font: PDFFont, text: string): string {
    let set = this.charsets.get(font)
    if (!set) {
      set = new Set(font.getCharacterSet())
      this.charsets.set(font, set)
    }
    return drawable(text, set)
  }

  /** Splits runs into words, breaking any word wider than the line (hashes, long addresses). */
  private words(runs: Run[], size: number, width: number): Word[] {
    const words: Word[] = []
    for (const run of runs) {
      const font = run.bold ? this.fonts.bold : run.italic ? this.fonts.italic : this.fonts.regular
      for (const piece of this.clean(font, run.text).split(/(\s+)/)) {
        if (piece === '') continue
        if (/^\s+$/.test(piece)) {
          words.push({ text: ' ', font, width: font.widthOfTextAtSize(' ', size) })
          continue
        }
        let rest = piece
        while (font.widthOfTextAtSize(rest, size) > width) {
          let cut = rest.length - 1
          while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--
          words.push({ text: rest.slice(0, cut), font, width: font.widthOfTextAtSize(rest.slice(0, cut), size) })
          rest = rest.slice(cut)
        }
        words.push({ text: rest, font, width: font.widthOfTextAtSize(rest, size) })
      }
    }
    return words
  }

  private lines(runs: Run[], size: number, width: number): Word[][] {
    const lines: Word[][] = [[]]
    let used = 0
    for (const word of this.words(runs, size, width)) {
      const line = lines[lines.length - 1]!
      if (word.text === ' ') {
        if (line.length > 0) {
          line.push(word)
          used += word.width
        }
        continue
      }
      if (used + word.width > width && line.length > 0) {
        while (line.at(-1)?.text === ' ') line.pop()
        lines.push([word])
        used = word.width
      } else {
        line.push(word)
        used += word.width
      }
    }
    return lines.filter((l) => l.length > 0)
  }

  /** Draws wrapped text (mixed runs) and returns how many lines it took. */
  rich(
    runs: Run[],
    { size = 10.5, leading = size * 1.45, color = COLORS.ink, indent = 0, width = CONTENT_WIDTH - indent }: { size?: number; leading?: number; color?: RGB; indent?: number; width?: number } = {},
  ): number {
    const lines = this.lines(runs, size, width)
    for (const line of lines) {
      this.ensure(leading)
      this.y -= leading
      let x = PAGE.margin + indent
      for (const word of line) {
        if (word.text !== ' ') this.page.drawText(word.text, { x, y: this.y + (leading - size) / 2, size, font: word.font, color })
        x += word.width
      }
    }
    return lines.length
  }

  text(text: string, options: { size?: number; bold?: boolean; italic?: boolean; color?: RGB; indent?: number; width?: number; leading?: number } = {}): number {
    const { bold = false, italic = false, ...rest } = options
    return this.rich([{ text, bold, italic }], rest)
  }

  /** Fixed-width text (hashes, addresses), broken anywhere to fit. */
  mono(text: string, { size = 8.5, color = COLORS.ink, indent = 0 }: { size?: number; color?: RGB; indent?: number } = {}) {
    const font = this.fonts.mono
    const perLine = Math.max(8, Math.floor((CONTENT_WIDTH - indent) / font.widthOfTextAtSize('0', size)))
    const clean = this.clean(font, text)
    for (let i = 0; i < clean.length; i += perLine) {
      this.ensure(size * 1.5)
      this.y -= size * 1.5
      this.page.drawText(clean.slice(i, i + perLine), { x: PAGE.margin + indent, y: this.y + size * 0.25, size, font, color })
    }
  }

  rule(color = COLORS.line) {
    this.ensure(12)
    this.y -= 6
    this.page.drawLine({ start: { x: PAGE.margin, y: this.y }, end: { x: PAGE.width - PAGE.margin, y: this.y }, thickness: 0.75, color })
    this.y -= 6
  }

  /** "Page n of N" and the document's name at the foot of every page, once the page count is known. */
  footers(left: string) {
    const pages = this.doc.getPages()
    const font = this.fonts.regular
    const size = 8
    const label = this.clean(font, left)
    pages.forEach((page, i) => {
      const right = `Page ${i + 1} of ${pages.length}`
      page.drawLine({ start: { x: PAGE.margin, y: 44 }, end: { x: PAGE.width - PAGE.margin, y: 44 }, thickness: 0.5, color: COLORS.line })
      page.drawText(fit(font, label, size, CONTENT_WIDTH - font.widthOfTextAtSize(right, size) - 24), { x: PAGE.margin, y: 30, size, font, color: COLORS.muted })
      page.drawText(right, { x: PAGE.width - PAGE.margin - font.widthOfTextAtSize(right, size), y: 30, size, font, color: COLORS.muted })
    })
  }
}

/** Shortens text with an ellipsis to fit a width. */
export function fit(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text
  let cut = text.length
  while (cut > 1 && font.widthOfTextAtSize(`${text.slice(0, cut)}...`, size) > width) cut--
  return `${text.slice(0, cut)}...`
}
