import { z } from 'zod'

/** The drawn signature's limit (the database checks the same 200 kB). */
export const MAX_SIGNATURE_BYTES = 200 * 1024

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const DATA_URL_PREFIX = 'data:image/png;base64,'

/**
 * What every signer agrees to before signing, word for word; the certificate page repeats it. ESIGN
 * and UETA ask that people consent to doing business electronically and know they can have paper.
 */
export const ESIGN_CONSENT =
  'I agree to sign this document electronically. My typed name and the signature I draw are my signature and have the same effect as signing on paper. I can ask the practice for a paper copy at any time.'

/** The bytes of a PNG data URL, or null when it is not one. */
export function pngBytes(dataUrl: string): Uint8Array | null {
  if (!dataUrl.startsWith(DATA_URL_PREFIX)) return null
  let binary: string
  try {
    binary = atob(dataUrl.slice(DATA_URL_PREFIX.length))
  } catch {
    return null
  }
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return PNG_MAGIC.every((b, i) => bytes[i] === b) ? bytes : null
}

/** A signature: the name she types, the one she draws, and her consent to sign electronically. */
export const SignatureSchema = z.object({
  typedName: z.string().trim().min(1, 'Type your full name.').max(200, 'Please keep your name under 200 characters.'),
  signature: z
    .string('Draw your signature in the box.')
    .min(1, 'Draw your signature in the box.')
    // The size is judged on the encoded text first, so a huge upload is refused before decoding.
    .refine((v) => v.length <= Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + DATA_URL_PREFIX.length + 4, 'This signature image is larger than 200 kB. Clear it and sign again with a simpler stroke.')
    .refine((v) => pngBytes(v) !== null, 'The signature must be a PNG image drawn in the box. Clear it and sign again.')
    .refine((v) => (pngBytes(v)?.byteLength ?? 0) <= MAX_SIGNATURE_BYTES, 'This signature image is larger than 200 kB. Clear it and sign again with a simpler stroke.'),
  consent: z.literal(true, 'Tick the box to agree to sign electronically.'),
})
export type SignatureInput = z.input<typeof SignatureSchema>
