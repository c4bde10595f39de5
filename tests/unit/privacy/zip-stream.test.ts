import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { assertSafeEntryName, zipStream, type ZipArchive } from '@/lib/privacy/zip/zip-stream'
import { readZip } from './zip-reader'

const build = async (produce: (zip: ZipArchive) => Promise<unknown>) => Buffer.from(await new Response(zipStream('test', produce)).arrayBuffer())

const scratch = mkdtempSync(join(tmpdir(), 'zip-stream-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Info-ZIP's own integrity test, as a person opening the export would. */
function unzipTest(archive: Buffer): string {
  const file = join(scratch, `${Math.random().toString(36).slice(2)}.zip`)
  writeFileSync(file, archive)
  return execFileSync('unzip', ['-t', file], { encoding: 'utf8', maxBuffer: 64 << 20 })
}

async function* slowly(parts: string[]) {
  for (const part of parts) yield Buffer.from(part)
}

beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined))
afterEach(() => vi.restoreAllMocks())

describe('zipStream', () => {
  it('writes entries from buffers, strings and streams whose bytes and CRC-32 read back', async () => {
    const archive = await build(async (zip) => {
      await zip.addEntry('a.txt', 'hello')
      await zip.addEntry('dir/b.bin', Buffer.from([0, 1, 2, 255]))
      await zip.addEntry('dir/c.csv', slowly(['id,name\r\n', '1,x\r\n']))
      await zip.addEntry('empty.txt', '')
    })
    const { entries } = readZip(archive)
    expect(entries.map((e) => e.name)).toEqual(['a.txt', 'dir/b.bin', 'dir/c.csv', 'empty.txt'])
    expect(entries[0]!.data.toString()).toBe('hello')
    expect(entries[0]!.crc32).toBe(0x3610a686)
    expect([...entries[1]!.data]).toEqual([0, 1, 2, 255])
    expect(entries[2]!.data.toString()).toBe('id,name\r\n1,x\r\n')
    expect(entries[3]!.data.length).toBe(0)
    expect(unzipTest(archive)).toMatch(/No errors detected/)
  })

  it('answers each entry with its size and SHA-256, for the manifest', async () => {
    let summary
    await build(async (zip) => {
      summary = await zip.addEntry('x.txt', slowly(['ab', 'c']))
    })
    expect(summary).toEqual({ name: 'x.txt', size: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' })
  })

  it('stores UTF-8 names with the language-encoding flag, so unzip shows them intact', async () => {
    const name = 'clients/Zoë Ñúñez/出生計画 🌸.pdf'
    const archive = await build(async (zip) => void (await zip.addEntry(name, 'pdf')))
    const [entry] = readZip(archive).entries
    expect(entry!.name).toBe(name)
    expect(entry!.utf8Flag).toBe(true)
    expect(unzipTest(archive)).toContain('出生計画 🌸.pdf')
  })

  it('switches to the ZIP64 end record at 65535 entries', async () => {
    const archive = await build(async (zip) => {
      for (let i = 0; i < 65_535; i++) await zip.addEntry(`f${i}`, '')
    })
    const read = readZip(archive)
    expect(read.usedZip64End).toBe(true)
    expect(read.entries).toHaveLength(65_535)
    expect(read.entries.at(-1)!.name).toBe('f65534')
  }, 120_000)

  it('refuses overlapping entries and unsafe names', async () => {
    await build(async (zip) => {
      let release!: () => void
      const gate = new Promise<void>((r) => (release = r))
      async function* held() {
        await gate
        yield Buffer.from('x')
      }
      const first = zip.addEntry('a', held())
      await expect(zip.addEntry('b', 'y')).rejects.toThrow(/one at a time/)
      release()
      await first
      await expect(zip.addEntry('../c', 'z')).rejects.toThrow(/Unsafe/)
    })
  })

  it('errors the download when a source fails, so it never looks complete', async () => {
    let refusal: unknown
    const stream = zipStream('test', async (zip) => {
      await zip.addEntry('ok.txt', 'fine')
      async function* broken(): AsyncIterable<Uint8Array> {
        yield Buffer.from('x')
        throw new Error('source failed')
      }
      refusal = await zip.addEntry('a', broken()).catch((error: unknown) => error)
      throw refusal
    })
    await expect(new Response(stream).arrayBuffer()).rejects.toThrow()
    expect(refusal).toMatchObject({ message: 'source failed' })
    expect(console.error).toHaveBeenCalledWith('[test] failed', refusal)
  })

  it('reads its sources only as fast as the download is read', async () => {
    let pulled = 0
    async function* endless() {
      for (let i = 0; i < 1000; i++) {
        pulled += 64 * 1024
        yield Buffer.alloc(64 * 1024)
      }
    }
    let outcome: unknown
    const stream = zipStream('test', async (zip) => {
      outcome = await zip.addEntry('big.bin', endless()).catch((error: unknown) => error)
    })
    const reader = stream.getReader()
    await reader.read()
    await new Promise((r) => setTimeout(r, 200))
    // The download's 1 MiB queue, plus a chunk or two in the pipes: nowhere near the 62.5 MiB on offer.
    expect(pulled).toBeLessThan(2 * 1024 * 1024)
    // Abandoning the download stops the entry being written.
    await reader.cancel()
    await vi.waitFor(() => expect(outcome).toMatchObject({ message: 'The download was abandoned' }))
    expect(pulled).toBeLessThan(3 * 1024 * 1024)
  })
})

describe('entry names', () => {
  it.each(['../etc/passwd', '/abs', 'a/../b', 'a//b', 'a\\b', 'nul\0', '', 'dir/'])('refuses %j', (name) => {
    expect(() => assertSafeEntryName(name)).toThrow(/Unsafe/)
  })
  it('refuses names over 65535 bytes', () => {
    expect(() => assertSafeEntryName('a'.repeat(65_536))).toThrow(/65535/)
  })
  it('accepts ordinary nested names', () => {
    expect(() => assertSafeEntryName('files/0b8a3c5e/scan.pdf')).not.toThrow()
  })
})
