import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Sql } from 'postgres'
import type { RequestMeta } from '../../../lib/security/client-ip.ts'
import type { Db } from '../../../lib/server/db.ts'
import type { Membership } from '../../../lib/server/membership.ts'
import { getPracticeSettings } from '../../../lib/practice/settings.ts'
import { adminDb } from '../../helpers/app-session.ts'
import { createUser, type TestUser } from '../../helpers/personas.ts'
import { addMember, createClientRecord, createPractice, type ClientRecord } from '../../helpers/world.ts'
import { dbAs } from '../dashboard/fixtures.ts'

export interface PaperworkWorld {
  owner: TestUser
  doula: TestUser
  client: TestUser
  ownerDb: Db
  doulaDb: Db
  clientDb: Db
  admin: Db
  record: ClientRecord
  /** The acting practice as an action's context has it. */
  practice: Pick<Membership, 'practiceId' | 'practiceName' | 'settings'>
}

/** A practice (owner, doula) with one portal client who has a journey. */
export async function paperworkWorld(sql: Sql, name: string): Promise<PaperworkWorld> {
  const owner = await createUser(sql, { fullName: `${name} Owner` })
  const doula = await createUser(sql, { fullName: `${name} Doula` })
  const client = await createUser(sql, { fullName: 'Olivia Bennett' })
  const practice = await createPractice(sql, owner, name)
  await addMember(sql, practice.id, doula, 'doula')
  const record = await createClientRecord(sql, practice.id, client, 'Olivia')
  await sql`update public.journeys set primary_doula_id = ${doula.id} where id = ${record.journeyId}`
  const ownerDb = await dbAs(owner)
  return {
    owner,
    doula,
    client,
    ownerDb,
    doulaDb: await dbAs(doula),
    clientDb: await dbAs(client),
    admin: adminDb(),
    record,
    practice: { practiceId: practice.id, practiceName: name, settings: await getPracticeSettings(ownerDb, practice.id) },
  }
}

export const phoneEvidence: RequestMeta = {
  ip: '203.0.113.24',
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1',
}

/** The starter template of a kind (every practice gets one of each). */
export async function starterTemplateId(sql: Sql, practiceId: string, kind: 'intake' | 'agreement'): Promise<string> {
  const [row] = await sql<{ id: string }[]>`select id from public.form_templates where practice_id = ${practiceId} and kind = ${kind} order by created_at limit 1`
  return row!.id
}

/** The text of a PDF, page by page, as Debian's pdftotext extracts it (pages split on form feeds). */
export function pdfPages(bytes: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'))
  try {
    const file = join(dir, 'form.pdf')
    writeFileSync(file, bytes)
    const out = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    if (out.error) throw new Error(`pdftotext is missing (apt-get install poppler-utils): ${out.error.message}`)
    if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr}`)
    return out.stdout.split('\f').filter((page, i, all) => i < all.length - 1 || page.trim() !== '')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A stored PDF's bytes, read as the service role. */
export async function storedPdf(admin: Db, path: string): Promise<Uint8Array> {
  const { data, error } = await admin.storage.from('intake-pdfs').download(path)
  if (error) throw new Error(`Could not read ${path}: ${error.message}`)
  return new Uint8Array(await data.arrayBuffer())
}

/** PNG bytes as a data URL, the way the signing pad sends them. */
export const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`
