import 'server-only'
import { createHash } from 'node:crypto'
import { Readable, type PassThrough } from 'node:stream'
import { ZipFile } from 'yazl'

export type ZipEntryData = Uint8Array | string | AsyncIterable<Uint8Array | string>

/** What an export's manifest records of each entry. */
export interface ZipEntrySummary {
  name: string
  size: number
  sha256: string
}

/** Where an export writes its files, one after another. */
export interface ZipArchive {
  /** Resolves once the entry's last byte has been handed to the archive, with its size and SHA-256. */
  addEntry(name: string, data: ZipEntryData, modified?: Date): Promise<ZipEntrySummary>
}

/** Rejects names that could escape the extraction folder or that readers treat specially. */
export function assertSafeEntryName(name: string): void {
  const segments = name.split('/')
  if (name.length === 0 || name.startsWith('/') || name.includes('\\') || name.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`Unsafe ZIP entry name: ${JSON.stringify(name)}`)
  }
  if (Buffer.byteLength(name, 'utf8') > 0xffff) throw new Error('ZIP entry name longer than 65535 bytes')
}

async function* chunksOf(data: ZipEntryData): AsyncIterable<Uint8Array> {
  if (typeof data === 'string') yield Buffer.from(data, 'utf8')
  else if (data instanceof Uint8Array) yield data
  else for await (const chunk of data) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
}

/** At most one source chunk (a fetch delivers up to 64 KiB) waits in an entry's stream. */
const ENTRY_HIGH_WATER_MARK = 64 * 1024

/**
 * Feeds yazl one entry at a time and learns each one's size and SHA-256 as its bytes pass. yazl
 * does not watch its sources for errors, so a failing source breaks the whole archive here.
 */
class YazlArchive implements ZipArchive {
  readonly zip = new ZipFile()
  private busy = false
  private failure: unknown = null
  private source: Readable | null = null

  addEntry(name: string, data: ZipEntryData, modified: Date = new Date()): Promise<ZipEntrySummary> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.busy) return Promise.reject(new Error('ZIP entries must be added one at a time'))
    try {
      assertSafeEntryName(name)
    } catch (error) {
      return Promise.reject(error)
    }
    this.busy = true
    const hash = createHash('sha256')
    let size = 0
    async function* measured() {
      for await (const chunk of chunksOf(data)) {
        hash.update(chunk)
        size += chunk.byteLength
        yield chunk
      }
    }
    const source = Readable.from(measured(), { objectMode: false, highWaterMark: ENTRY_HIGH_WATER_MARK })
    this.source = source
    return new Promise<ZipEntrySummary>((resolve, reject) => {
      source.once('end', () => {
        this.busy = false
        resolve({ name, size, sha256: hash.digest('hex') })
      })
      source.once('error', (error) => {
        this.fail(error)
        reject(error)
      })
      this.zip.addReadStream(source, name, { mtime: modified, compress: false })
    })
  }

  /** Stops the archive: the source in flight is destroyed and the output stream errors. */
  fail(error: unknown) {
    if (this.failure) return
    this.failure = error
    this.source?.destroy(error instanceof Error ? error : new Error(String(error)))
    ;(this.zip.outputStream as PassThrough).destroy(error instanceof Error ? error : new Error(String(error)))
  }
}

/**
 * A zip archive as a response body, written by `produce` while the client reads. yazl writes the
 * format (stored entries, CRC-32, data descriptors, UTF-8 names, ZIP64 when a size, an offset or the
 * entry count needs it); the 1 MiB queue of this stream is the only buffer, so rows and files are
 * fetched only as fast as the browser downloads. A failure errors the stream, so a cut-off download
 * can never look like a complete archive; a download the client abandons stops `produce`.
 */
export function zipStream(label: string, produce: (zip: ZipArchive) => Promise<unknown>): ReadableStream<Uint8Array> {
  const archive = new YazlArchive()
  const output = archive.zip.outputStream[Symbol.asyncIterator]()
  void produce(archive).then(
    () => archive.zip.end(),
    (error: unknown) => {
      console.error(`[${label}] failed`, error)
      archive.fail(error)
    },
  )
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await output.next()
        if (done) controller.close()
        else controller.enqueue(value as Uint8Array)
      },
      async cancel(reason) {
        archive.fail(new Error('The download was abandoned', { cause: reason }))
        await output.return?.()
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 1 << 20 }),
  )
}

/** A zip download: `zipStream` as an uncached attachment named `<prefix>-<yyyy-mm-dd>.zip`. */
export function zipDownload(label: string, filePrefix: string, produce: (zip: ZipArchive) => Promise<unknown>): Response {
  const day = new Date().toISOString().slice(0, 10)
  return new Response(zipStream(label, produce), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${filePrefix}-${day}.zip"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  })
}
