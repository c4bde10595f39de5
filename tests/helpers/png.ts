import { randomBytes } from 'node:crypto'
import { deflateSync } from 'node:zlib'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * A real PNG of a hand-drawn-looking signature (a wave across the canvas), RGBA, transparent
 * background. `noise` is the share of pixels filled with random colours (incompressible), so the
 * file can be made as large as a test needs.
 */
export function signaturePng({ width = 400, height = 120, seed = 1, noise = 0 }: { width?: number; height?: number; seed?: number; noise?: number } = {}): Uint8Array {
  const rows: Buffer[] = []
  const ink = new Set<number>()
  for (let x = 10; x < width - 10; x++) {
    const y = Math.round(height / 2 + Math.sin((x + seed * 7) / 18) * (height / 4) + Math.sin(x / 5) * 4)
    for (let dy = -2; dy <= 2; dy++) ink.add((y + dy) * width + x)
  }
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 4)
    for (let x = 0; x < width; x++) {
      const on = ink.has(y * width + x)
      const o = 1 + x * 4
      if (noise > 0 && Math.random() < noise) {
        randomBytes(4).copy(row, o)
      } else if (on) {
        row[o] = 0x2b
        row[o + 1] = 0x25
        row[o + 2] = 0x21
        row[o + 3] = 255
      }
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 6
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.concat(rows))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  )
}
