import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import {
  centralHeader,
  dataDescriptor,
  directoryEnd,
  dosDateTime,
  localHeader,
  MAX_UINT16,
  needsZip64,
  zip64End,
  type CentralEntry,
} from './zip-format.ts'

/** Receives the archive in order; awaiting it is the backpressure that keeps memory flat. */
export type ZipSink = (chunk: Uint8Array) => Promise<void>

export type ZipEntryData = Uint8Array | string | AsyncIterable<Uint8Array | string>

export interface ZipEntrySummary {
  name: string
  size: number
  crc32: number
  sha256: string
}

export interface ZipWriterOptions {
  /** Write ZIP64 records even for small archives (readers must accept them; tests use this). */
  forceZip64?: boolean
}

/** Rejects names that could escape the extraction folder or that readers treat specially. */
export function assertSafeEntryName(name: string): Buffer {
  const segments = name.split('/')
  if (
    name.length === 0 ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.includes('\0') ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new Error(`Unsafe ZIP entry name: ${JSON.stringify(name)}`)
  }
  const bytes = Buffer.from(name, 'utf8')
  if (bytes.length > MAX_UINT16) throw new Error('ZIP entry name longer than 65535 bytes')
  return bytes
}

async function* chunksOf(data: ZipEntryData): AsyncIterable<Uint8Array> {
  if (typeof data === 'string') yield Buffer.from(data, 'utf8')
  else if (data instanceof Uint8Array) yield data
  else for await (const chunk of data) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
}

/**
 * A streaming ZIP writer: stored entries, CRC-32, data descriptors, ZIP64 when a size, offset or
 * count needs it. Only the central directory (about 100 bytes per entry) is held in memory.
 * Entries are written one at a time; calls must not overlap.
 */
export class ZipWriter {
  private readonly entries: CentralEntry[] = []
  private offset = 0
  private busy = false
  private finished = false

  constructor(
    private readonly sink: ZipSink,
    private readonly options: ZipWriterOptions = {},
  ) {}

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.offset
  }

  private async write(chunk: Uint8Array) {
    if (chunk.length === 0) return
    await this.sink(chunk)
    this.offset += chunk.length
  }

  async addEntry(name: string, data: ZipEntryData, modified: Date = new Date()): Promise<ZipEntrySummary> {
    if (this.finished) throw new Error('ZIP archive already finished')
    if (this.busy) throw new Error('ZIP entries must be added one at a time')
    this.busy = true
    try {
      const nameBytes = assertSafeEntryName(name)
      const { dosTime, dosDate } = dosDateTime(modified)
      const offset = this.offset
      await this.write(localHeader(nameBytes, dosTime, dosDate))
      let crc = 0
      let size = 0
      const hash = createHash('sha256')
      for await (const chunk of chunksOf(data)) {
        crc = crc32(chunk, crc)
        size += chunk.length
        hash.update(chunk)
        await this.write(chunk)
      }
      const zip64 = this.options.forceZip64 === true || needsZip64(size) || needsZip64(offset)
      await this.write(dataDescriptor(crc, size, zip64))
      this.entries.push({ name: nameBytes, crc32: crc, size, offset, dosTime, dosDate })
      return { name, size, crc32: crc, sha256: hash.digest('hex') }
    } finally {
      this.busy = false
    }
  }

  /** Writes the central directory and end records; the archive is complete when this resolves. */
  async finish(): Promise<{ bytes: number; entries: number }> {
    if (this.finished) throw new Error('ZIP archive already finished')
    if (this.busy) throw new Error('An entry is still being written')
    this.finished = true
    const force = this.options.forceZip64 === true
    const directoryOffset = this.offset
    for (const entry of this.entries) await this.write(centralHeader(entry, force))
    const end = { entries: this.entries.length, directorySize: this.offset - directoryOffset, directoryOffset }
    await this.write(zip64End(end, this.offset, force))
    await this.write(directoryEnd(end, force))
    return { bytes: this.offset, entries: this.entries.length }
  }
}
