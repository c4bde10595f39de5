/**
 * Byte layouts of the ZIP records this writer emits (APPNOTE 6.3.10, sections 4.3.7-4.3.16 and
 * 4.5.3). Every entry is stored (method 0) with a data descriptor, so headers are written before
 * the size and CRC are known. Any 32-bit field that does not fit holds 0xFFFFFFFF and the real
 * value moves to a ZIP64 record, as readers expect.
 */

export const MAX_UINT32 = 0xffff_ffff
export const MAX_UINT16 = 0xffff

const SIG_LOCAL = 0x04034b50
const SIG_DESCRIPTOR = 0x08074b50
const SIG_CENTRAL = 0x02014b50
const SIG_END = 0x06054b50
const SIG_ZIP64_END = 0x06064b50
const SIG_ZIP64_LOCATOR = 0x07064b50

/** Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0008 | 0x0800
const VERSION_PLAIN = 20
const VERSION_ZIP64 = 45
/** Upper byte 3 = UNIX, so the external attributes carry a file mode. */
const MADE_BY_UNIX = 3 << 8
const FILE_MODE = 0o100644

export interface CentralEntry {
  name: Buffer
  crc32: number
  size: number
  offset: number
  dosTime: number
  dosDate: number
}

/** A value needs ZIP64 when it does not fit below the 0xFFFFFFFF marker. */
export const needsZip64 = (value: number) => value >= MAX_UINT32

export function dosDateTime(date: Date): { dosTime: number; dosDate: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107)
  return {
    dosTime: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    dosDate: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  }
}

export function localHeader(name: Buffer, dosTime: number, dosDate: number): Buffer {
  const b = Buffer.alloc(30)
  b.writeUInt32LE(SIG_LOCAL, 0)
  b.writeUInt16LE(VERSION_ZIP64, 4)
  b.writeUInt16LE(FLAGS, 6)
  b.writeUInt16LE(0, 8)
  b.writeUInt16LE(dosTime, 10)
  b.writeUInt16LE(dosDate, 12)
  // CRC-32 and both sizes are zero here: the data descriptor carries them.
  b.writeUInt16LE(name.length, 26)
  b.writeUInt16LE(0, 28)
  return Buffer.concat([b, name])
}

/** 64-bit sizes exactly when the central directory will mark this entry as ZIP64. */
export function dataDescriptor(crc32: number, size: number, zip64: boolean): Buffer {
  const b = Buffer.alloc(zip64 ? 24 : 16)
  b.writeUInt32LE(SIG_DESCRIPTOR, 0)
  b.writeUInt32LE(crc32, 4)
  if (zip64) {
    b.writeBigUInt64LE(BigInt(size), 8)
    b.writeBigUInt64LE(BigInt(size), 16)
  } else {
    b.writeUInt32LE(size, 8)
    b.writeUInt32LE(size, 12)
  }
  return b
}

export function centralHeader(entry: CentralEntry, forceZip64: boolean): Buffer {
  const bigSize = forceZip64 || needsZip64(entry.size)
  const bigOffset = forceZip64 || needsZip64(entry.offset)
  const extraFields: bigint[] = []
  // Order is fixed by the spec: uncompressed size, compressed size, local header offset.
  if (bigSize) extraFields.push(BigInt(entry.size), BigInt(entry.size))
  if (bigOffset) extraFields.push(BigInt(entry.offset))
  const extra = Buffer.alloc(extraFields.length ? 4 + 8 * extraFields.length : 0)
  if (extraFields.length) {
    extra.writeUInt16LE(0x0001, 0)
    extra.writeUInt16LE(8 * extraFields.length, 2)
    extraFields.forEach((value, i) => extra.writeBigUInt64LE(value, 4 + 8 * i))
  }
  const b = Buffer.alloc(46)
  b.writeUInt32LE(SIG_CENTRAL, 0)
  b.writeUInt16LE(MADE_BY_UNIX | VERSION_ZIP64, 4)
  b.writeUInt16LE(extraFields.length ? VERSION_ZIP64 : VERSION_PLAIN, 6)
  b.writeUInt16LE(FLAGS, 8)
  b.writeUInt16LE(0, 10)
  b.writeUInt16LE(entry.dosTime, 12)
  b.writeUInt16LE(entry.dosDate, 14)
  b.writeUInt32LE(entry.crc32, 16)
  b.writeUInt32LE(bigSize ? MAX_UINT32 : entry.size, 20)
  b.writeUInt32LE(bigSize ? MAX_UINT32 : entry.size, 24)
  b.writeUInt16LE(entry.name.length, 28)
  b.writeUInt16LE(extra.length, 30)
  b.writeUInt32LE((FILE_MODE << 16) >>> 0, 38)
  b.writeUInt32LE(bigOffset ? MAX_UINT32 : entry.offset, 42)
  return Buffer.concat([b, entry.name, extra])
}

export interface DirectoryEnd {
  entries: number
  directorySize: number
  directoryOffset: number
}

/** The ZIP64 end record and its locator, or nothing when every count and offset fits. */
export function zip64End(end: DirectoryEnd, zip64EndOffset: number, forceZip64: boolean): Buffer {
  const required =
    forceZip64 || end.entries >= MAX_UINT16 || needsZip64(end.directorySize) || needsZip64(end.directoryOffset)
  if (!required) return Buffer.alloc(0)
  const record = Buffer.alloc(56)
  record.writeUInt32LE(SIG_ZIP64_END, 0)
  record.writeBigUInt64LE(44n, 4)
  record.writeUInt16LE(MADE_BY_UNIX | VERSION_ZIP64, 12)
  record.writeUInt16LE(VERSION_ZIP64, 14)
  record.writeBigUInt64LE(BigInt(end.entries), 24)
  record.writeBigUInt64LE(BigInt(end.entries), 32)
  record.writeBigUInt64LE(BigInt(end.directorySize), 40)
  record.writeBigUInt64LE(BigInt(end.directoryOffset), 48)
  const locator = Buffer.alloc(20)
  locator.writeUInt32LE(SIG_ZIP64_LOCATOR, 0)
  locator.writeBigUInt64LE(BigInt(zip64EndOffset), 8)
  locator.writeUInt32LE(1, 16)
  return Buffer.concat([record, locator])
}

export function directoryEnd(end: DirectoryEnd, forceZip64: boolean): Buffer {
  const b = Buffer.alloc(22)
  b.writeUInt32LE(SIG_END, 0)
  const entries = forceZip64 || end.entries >= MAX_UINT16 ? MAX_UINT16 : end.entries
  b.writeUInt16LE(entries, 8)
  b.writeUInt16LE(entries, 10)
  b.writeUInt32LE(forceZip64 || needsZip64(end.directorySize) ? MAX_UINT32 : end.directorySize, 12)
  b.writeUInt32LE(forceZip64 || needsZip64(end.directoryOffset) ? MAX_UINT32 : end.directoryOffset, 16)
  return b
}
