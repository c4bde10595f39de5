const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Safe for element content and for quoted attribute values (srcdoc included). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Decodes the character references a renderer may put in an attribute (`&amp;`, `&#38;`, `&#x26;`). */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"')\]]+/g

/** Every href in the HTML, entity-decoded, in document order. */
export function extractLinks(html: string): string[] {
  return [...html.matchAll(HREF)].map((m) => decodeEntities((m[1] ?? m[2] ?? m[3] ?? '').trim()))
}

/** Bare http(s) URLs in a plain-text body (for messages that carry no HTML). */
export function extractTextLinks(text: string): string[] {
  return [...text.matchAll(URL_IN_TEXT)].map((m) => m[0])
}
