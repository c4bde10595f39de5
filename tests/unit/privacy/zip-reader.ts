import { crc32 } from 'node:zlib'

/**
 * A deliberately independent ZIP reader for tests: finds the end record (and the ZIP64 one when
 * fields hold the 0xFFFFFFFF marker), walks the central directory and returns each entry's bytes.
 */
export interface ReadEntry {
  name: string
  data: Buffer
  crc32: number
  utf8Flag: boolean
  zip64: boolean
}

export interface ReadArchive {
  entries: ReadEntry[]
  usedZip64End: boolean
}

export function readZip(zip: Buffer): ReadArchive {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0) throw new Error('no end of central directory')
  let count = zip.readUInt16LE(eocd + 10)
  let cdOffset = zip.readUInt32LE(eocd + 16)
  let usedZip64End = false
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20
    if (zip.readUInt32LE(locator) !== 0x07064b50) throw new Error('ZIP64 locator missing')
    const record = Number(zip.readBigUInt64LE(locator + 8))
    if (zip.readUInt32LE(record) !== 0x06064b50) throw new Error('ZIP64 end record missing')
    count = Number(zip.readBigUInt64LE(record + 32))
    cdOffset = Number(zip.readBigUInt64LE(record + 48))
    usedZip64End = true
  }
  const entries: ReadEntry[] = []
  let p = cdOffset
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central header at ${p}`)
    const flags = zip.readUInt16LE(p + 8)
    const crc = zip.readUInt32LE(p + 16)
    let size = zip.readUInt32LE(p + 24)
    const nameLength = zip.readUInt16LE(p + 28)
    const extraLength = zip.readUInt16LE(p + 30)
    const commentLength = zip.readUInt16LE(p + 32)
    let offset = zip.readUInt32LE(p + 42)
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8')
    const extra = zip.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength)
    let zip64 = false
    for (let e = 0; e < extra.length; ) {
      const id = extra.readUInt16LE(e)
      const length = extra.readUInt16LE(e + 2)
      if (id === 0x0001) {
        zip64 = true
        let q = e + 4
        if (size === 0xffffffff) {
          size = Number(extra.readBigUInt64LE(q))
          q += 16
        }
        if (offset === 0xffffffff) offset = Number(extra.readBigUInt64LE(q))
      }
      e += 4 + length
    }
    if (zip.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header for ${name}`)
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28)
    const data = zip.subarray(dataStart, dataStart + size)
    const descriptor = dataStart + size
    if (zip.readUInt32LE(descriptor) !== 0x08074b50) throw new Error(`data descriptor missing for ${name}`)
    if (zip.readUInt32LE(descriptor + 4) !== crc) throw new Error(`descriptor CRC differs for ${name}`)
    if (crc32(data) !== crc) throw new Error(`CRC mismatch for ${name}`)
    entries.push({ name, data, crc32: crc, utf8Flag: (flags & 0x0800) !== 0, zip64 })
    p += 46 + nameLength + extraLength + commentLength
  }
  return { entries, usedZip64End }
}
