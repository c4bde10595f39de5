import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { centralHeader, directoryEnd, needsZip64, zip64End } from '@/lib/privacy/zip/zip-format'
import { assertSafeEntryName, ZipWriter, type ZipWriterOptions } from '@/lib/privacy/zip/zip-writer'
import { readZip } from './zip-reader'

async function build(add: (zip: ZipWriter) => Promise<void>, options?: ZipWriterOptions) {
  const chunks: Buffer[] = []
  const zip = new ZipWriter(async (chunk) => void chunks.push(Buffer.from(chunk)), options)
  await add(zip)
  const result = await zip.finish()
  const archive = Buffer.concat(chunks)
  expect(result.bytes).toBe(archive.length)
  return archive
}

const scratch = mkdtempSync(join(tmpdir(), 'zip-writer-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Info-ZIP's own integrity test, as a person opening the export would. */
function unzipTest(archive: Buffer): string {
  const file = join(scratch, `${Math.random().toString(36).slice(2)}.zip`)
  writeFileSync(file, archive)
  return execFileSync('unzip', ['-t', file], { encoding: 'utf8' })
}

async function* slowly(parts: string[]) {
  for (const part of parts) yield Buffer.from(part)
}

describe('ZipWriter', () => {
  it('writes stored entries whose CRC-32 and bytes read back, from buffers, strings and streams', async () => {
    const archive = await build(async (zip) => {
      await zip.addEntry('a.txt', 'hello')
      await zip.addEntry('dir/b.bin', Buffer.from([0, 1, 2, 255]))
      await zip.addEntry('dir/c.csv', slowly(['id,name\r\n', '1,x\r\n']))
      await zip.addEntry('empty.txt', '')
    })
    const { entries, usedZip64End } = readZip(archive)
    expect(usedZip64End).toBe(false)
    expect(entries.map((e) => e.name)).toEqual(['a.txt', 'dir/b.bin', 'dir/c.csv', 'empty.txt'])
    expect(entries[0]!.data.toString()).toBe('hello')
    expect(entries[0]!.crc32).toBe(0x3610a686)
    expect([...entries[1]!.data]).toEqual([0, 1, 2, 255])
    expect(entries[2]!.data.toString()).toBe('id,name\r\n1,x\r\n')
    expect(entries[3]!.data.length).toBe(0)
    expect(unzipTest(archive)).toMatch(/No errors detected/)
  })

  it('returns size, CRC-32 and SHA-256 of each entry', async () => {
    let summary
    await build(async (zip) => {
      summary = await zip.addEntry('x.txt', slowly(['ab', 'c']))
    })
    expect(summary).toEqual({
      name: 'x.txt',
      size: 3,
      crc32: crc32('abc'),
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    })
  })

  it('stores UTF-8 names with the language-encoding flag, so unzip shows them intact', async () => {
    const name = 'clients/Zoë Ñúñez/出生計画 🌸.pdf'
    const archive = await build(async (zip) => void (await zip.addEntry(name, 'pdf')))
    const [entry] = readZip(archive).entries
    expect(entry!.name).toBe(name)
    expect(entry!.utf8Flag).toBe(true)
    expect(unzipTest(archive)).toContain('出生計画 🌸.pdf')
  })

  it('writes valid ZIP64 records when forced, which unzip accepts', async () => {
    const archive = await build(
      async (zip) => {
        await zip.addEntry('one.txt', 'first')
        await zip.addEntry('two.txt', 'second')
      },
      { forceZip64: true },
    )
    const { entries, usedZip64End } = readZip(archive)
    expect(usedZip64End).toBe(true)
    expect(entries.every((e) => e.zip64)).toBe(true)
    expect(entries.map((e) => e.data.toString())).toEqual(['first', 'second'])
    expect(unzipTest(archive)).toMatch(/No errors detected/)
  })

  it('switches to the ZIP64 end record at 65535 entries, not before', async () => {
    const below = await build(async (zip) => {
      for (let i = 0; i < 65_534; i++) await zip.addEntry(`f${i}`, '')
    })
    expect(readZip(below).usedZip64End).toBe(false)
    const at = await build(async (zip) => {
      for (let i = 0; i < 65_535; i++) await zip.addEntry(`f${i}`, '')
    })
    const read = readZip(at)
    expect(read.usedZip64End).toBe(true)
    expect(read.entries).toHaveLength(65_535)
    expect(read.entries.at(-1)!.name).toBe('f65534')
  }, 60_000)

  it('refuses overlapping entries and writes after finish', async () => {
    const zip = new ZipWriter(async () => {})
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
    await zip.finish()
    await expect(zip.addEntry('c', 'z')).rejects.toThrow(/finished/)
  })

  it('propagates a failing source without finishing the archive', async () => {
    const zip = new ZipWriter(async () => {})
    async function* broken(): AsyncIterable<Uint8Array> {
      yield Buffer.from('x')
      throw new Error('source failed')
    }
    await expect(zip.addEntry('a', broken())).rejects.toThrow('source failed')
  })
})

describe('entry names', () => {
  it.each(['../etc/passwd', '/abs', 'a/../b', 'a//b', 'a\\b', 'nul\0', '', 'dir/'])('refuses %j', (name) => {
    expect(() => assertSafeEntryName(name)).toThrow(/Unsafe/)
  })
  it('refuses names over 65535 bytes', () => {
    expect(() => assertSafeEntryName('é'.repeat(40_000))).toThrow(/65535/)
  })
})

describe('ZIP64 boundaries', () => {
  const entry = (size: number, offset: number) => ({
    name: Buffer.from('f'),
    crc32: 0,
    size,
    offset,
    dosTime: 0,
    dosDate: 0,
  })

  it('needs ZIP64 from 0xFFFFFFFF (the marker value itself) upward', () => {
    expect(needsZip64(0xffff_fffe)).toBe(false)
    expect(needsZip64(0xffff_ffff)).toBe(true)
    expect(needsZip64(2 ** 33)).toBe(true)
  })

  it('puts sizes in the ZIP64 extra field from 0xFFFFFFFF bytes', () => {
    const small = centralHeader(entry(0xffff_fffe, 0), false)
    expect(small.readUInt32LE(24)).toBe(0xffff_fffe)
    expect(small.readUInt16LE(30)).toBe(0)
    const big = centralHeader(entry(0xffff_ffff, 0), false)
    expect(big.readUInt32LE(20)).toBe(0xffff_ffff)
    expect(big.readUInt32LE(24)).toBe(0xffff_ffff)
    expect(big.readUInt16LE(30)).toBe(20)
    expect(big.readBigUInt64LE(47 + 4)).toBe(0xffff_ffffn)
    expect(big.readBigUInt64LE(47 + 12)).toBe(0xffff_ffffn)
  })

  it('puts a large local header offset alone in the extra field', () => {
    const header = centralHeader(entry(10, 2 ** 32 + 5), false)
    expect(header.readUInt32LE(24)).toBe(10)
    expect(header.readUInt32LE(42)).toBe(0xffff_ffff)
    expect(header.readUInt16LE(30)).toBe(12)
    expect(header.readBigUInt64LE(47 + 4)).toBe(2n ** 32n + 5n)
  })

  it('adds the ZIP64 end record when the directory starts beyond 4 GiB', () => {
    const end = { entries: 3, directorySize: 200, directoryOffset: 2 ** 32 }
    const records = zip64End(end, 2 ** 32 + 200, false)
    expect(records.length).toBe(76)
    expect(records.readBigUInt64LE(48)).toBe(2n ** 32n)
    expect(records.readBigUInt64LE(56 + 8)).toBe(2n ** 32n + 200n)
    expect(directoryEnd(end, false).readUInt32LE(16)).toBe(0xffff_ffff)
    expect(zip64End({ ...end, directoryOffset: 0xffff_fffe }, 0, false).length).toBe(0)
  })
})
