/**
 * Health documents are accepted by what their bytes are, never by their name or the browser's claim:
 * an HTML page renamed `.pdf` or an SVG (which can carry script) must not become a stored "document".
 */
export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic'] as const
export type AcceptedType = (typeof ACCEPTED_TYPES)[number]

/** The bucket's limit (config.toml `[storage.buckets.client-files]`). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

/** How many leading bytes `sniffType` needs. */
export const SNIFF_BYTES = 16

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b)

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

/** HEIF/HEIC brands in the ISO-BMFF `ftyp` box of photos from iPhones and other cameras. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'])

/** The type of a file from its first bytes, or null when it is none of the accepted types. */
export function sniffType(head: Uint8Array): AcceptedType | null {
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf'
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(head, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...head.slice(8, 12))
    if (HEIC_BRANDS.has(brand)) return 'image/heic'
  }
  return null
}

export type FileProblem = 'empty' | 'too_large' | 'unsupported_type'

export const FILE_PROBLEM_MESSAGES: Record<FileProblem, string> = {
  empty: 'This file is empty. Choose the file again, or export it again from where it came from.',
  too_large: 'This file is larger than 20 MB. Try a smaller scan or a compressed PDF.',
  unsupported_type: 'Only PDF, JPEG, PNG and HEIC files can be uploaded. This file is a different kind, whatever its name says.',
}

export type FileCheck = { ok: true; type: AcceptedType } | { ok: false; problem: FileProblem; message: string }

const fail = (problem: FileProblem): FileCheck => ({ ok: false, problem, message: FILE_PROBLEM_MESSAGES[problem] })

/** Checks a document's size and real type before anything is stored. */
export function checkDocument(size: number, head: Uint8Array): FileCheck {
  if (size === 0) return fail('empty')
  if (size > MAX_DOCUMENT_BYTES) return fail('too_large')
  const type = sniffType(head)
  return type ? { ok: true, type } : fail('unsupported_type')
}

/**
 * A display name safe to keep in metadata and show back: no path parts, no control characters,
 * bounded length. Object keys are generated server-side and never derive from it.
 */
export function safeDisplayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200)
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'document' : cleaned
}
