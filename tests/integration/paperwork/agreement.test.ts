import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getRequestDetail } from '@/lib/paperwork/queries'
import { sendForm } from '@/lib/paperwork/send.service'
import { ESIGN_CONSENT } from '@/lib/paperwork/signature.schema'
import { countersign, requestForPartnerToken, signAsClient, signAsPartner } from '@/lib/paperwork/submit.service'
import { partnerPdfDownload } from '@/lib/paperwork/download.service'
import { signaturePng } from '../../helpers/png.ts'
import { superuser } from '../../helpers/stack.ts'
import { fieldErrorsOf } from '../dashboard/fixtures.ts'
import { dataUrl, paperworkWorld, pdfPages, phoneEvidence, starterTemplateId, storedPdf, type PaperworkWorld } from './fixtures.ts'

const sql = superuser()
afterAll(() => sql.end())

let w: PaperworkWorld
let agreement: string
beforeAll(async () => {
  w = await paperworkWorld(sql, 'Harbor Doula Collective')
  agreement = await starterTemplateId(sql, w.practice.practiceId, 'agreement')
})

const officeEvidence = { ip: '198.51.100.77', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36' }
const signature = (seed: number, overrides: Record<string, unknown> = {}) => ({ typedName: 'Olivia Bennett', signature: dataUrl(signaturePng({ seed })), consent: true, ...overrides })

async function send(partner = false) {
  return (await sendForm(w.ownerDb, w.practice, {
    clientId: w.record.id, templateId: agreement, note: '', dueOn: '', fee: '$1,800',
    partnerName: partner ? 'Sam Bennett' : '', partnerEmail: partner ? 'sam.partner@example.com' : '',
  })).requestId
}

/** The canonical JSON of the signed content, written independently of lib/paperwork/content-hash.ts. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

describe('sending an agreement', () => {
  it('needs the fee its text names, and fills every merge field into the text she will sign', async () => {
    expect(await fieldErrorsOf(() => sendForm(w.ownerDb, w.practice, {
      clientId: w.record.id, templateId: agreement, note: '', dueOn: '', fee: '', partnerName: '', partnerEmail: '',
    }))).toEqual({ fee: 'This agreement names the fee: enter it.' })
    const detail = (await getRequestDetail(w.clientDb, await send()))!
    expect(detail.snapshot.body).toContain('between **Harbor Doula Collective** (the practice) and **Olivia Test** (the client)')
    expect(detail.snapshot.body).toContain('The fee for these services is $1,800.')
    const [doula] = await sql<{ full_name: string }[]>`select full_name from public.profiles where id = ${w.doula.id}`
    expect(detail.snapshot.body).toContain(`${doula!.full_name} is the client's primary doula`)
    expect(detail.snapshot.body).not.toMatch(/\{\{|_____/)
  })
})

describe('signing: the client, then the practice', () => {
  let id: string
  beforeAll(async () => {
    id = await send()
  })

  it('refuses a signature that is not a PNG, is over 200 kB, or lacks her name or consent, recording nothing', async () => {
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ signature: `data:image/png;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}` }, { signature: 'The signature must be a PNG image drawn in the box. Clear it and sign again.' }],
      [{ signature: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' }, { signature: 'The signature must be a PNG image drawn in the box. Clear it and sign again.' }],
      [{ signature: dataUrl(signaturePng({ width: 400, height: 300, noise: 0.6 })) }, { signature: 'This signature image is larger than 200 kB. Clear it and sign again with a simpler stroke.' }],
      [{ typedName: '  ' }, { typedName: 'Type your full name.' }],
      [{ consent: false }, { consent: 'Tick the box to agree to sign electronically.' }],
    ]
    for (const [overrides, errors] of cases) {
      expect(await fieldErrorsOf(() => signAsClient(w.clientDb, w.admin, w.client, phoneEvidence, { requestId: id, answers: {}, ...signature(1, overrides) }))).toEqual(errors)
    }
    const [row] = await sql`select status, (select count(*)::int from public.form_signatures where request_id = ${id}) as signatures from public.form_requests where id = ${id}`
    expect(row).toEqual({ status: 'sent', signatures: 0 })
  })

  it('records her signature, then only a member the practice allows may countersign, which seals it', async () => {
    await signAsClient(w.clientDb, w.admin, w.client, phoneEvidence, { requestId: id, answers: {}, ...signature(1) })
    await expect(countersign(w.doulaDb, w.admin, w.doula, officeEvidence, w.practice.practiceId, { clientId: w.record.id, requestId: id, ...signature(2, { typedName: 'Doula' }) }))
      .rejects.toMatchObject({ code: 'forbidden' })
    const other = await paperworkWorld(sql, 'Elsewhere')
    await expect(countersign(other.ownerDb, w.admin, other.owner, officeEvidence, other.practice.practiceId, { clientId: w.record.id, requestId: id, ...signature(3) }))
      .rejects.toMatchObject({ code: 'not_found' })
    await countersign(w.ownerDb, w.admin, w.owner, officeEvidence, w.practice.practiceId, { clientId: w.record.id, requestId: id, ...signature(4, { typedName: 'Maya Rivera' }) })
    const detail = (await getRequestDetail(w.ownerDb, id))!
    expect(detail.summary.sealedAt).not.toBeNull()
    expect(detail.signatures.map((s) => [s.role, s.signerName, s.signerEmail, s.ip])).toEqual([
      ['client', 'Olivia Bennett', w.client.email, phoneEvidence.ip],
      ['practice', 'Maya Rivera', w.owner.email, officeEvidence.ip],
    ])
  })

  it('renders the full text, both signatures and a certificate whose hash matches the content', async () => {
    const detail = (await getRequestDetail(w.ownerDb, id))!
    expect(detail.pdfSignatures).toBe(2)
    const pages = pdfPages(await storedPdf(w.admin, detail.pdfPath!))
    const all = pages.join('\n').replace(/\s+/g, ' ')
    for (const line of ['Doula service agreement', 'The fee for these services is $1,800.', 'What a doula does not do', 'By signing, the client and the practice agree to everything above.']) {
      expect(all).toContain(line)
    }
    expect(all).toContain('Client: Olivia Bennett')
    expect(all).toContain('For the practice: Maya Rivera')
    const certificate = pages.at(-1)!.replace(/\s+/g, ' ')
    expect(certificate).toContain('Signature certificate')
    for (const s of detail.signatures) {
      for (const value of [s.signerName, s.signerEmail!, s.ip!, s.userAgent!, new Date(s.signedAt).toISOString().slice(0, 19).replace('T', ' ') + ' UTC']) {
        expect(certificate).toContain(value)
      }
    }
    expect(certificate).toContain(ESIGN_CONSENT)
    expect(certificate).toMatch(/\(America\/New_York\)/)
    const content = { id, name: detail.snapshot.name, kind: 'agreement', version: detail.snapshot.version, body: detail.snapshot.body, fields: detail.snapshot.fields, answers: detail.answers }
    const hash = createHash('sha256').update(canonical(content), 'utf8').digest('hex')
    expect(detail.contentSha256).toBe(hash)
    expect(certificate.replace(/ /g, '')).toContain(hash)
    expect(detail.signatures.every((s) => s.contentSha256 === hash)).toBe(true)
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`))
  })

  it('refuses every tampering with the sealed agreement', async () => {
    expect((await w.clientDb.from('form_requests').update({ answers: {} }).eq('id', id).select('id')).data).toEqual([])
    expect((await w.ownerDb.from('form_requests').update({ note: 'changed' }).eq('id', id).select('id')).error?.code).toBe('42501')
    expect((await w.admin.from('form_requests').update({ template_snapshot: { name: 'x', kind: 'agreement', fields: [] } }).eq('id', id).select('id')).error?.code).toBe('42501')
    expect((await w.admin.from('form_signatures').update({ signer_name: 'Forger' }).eq('request_id', id).select('id')).error?.code).toBe('42501')
    await expect(countersign(w.ownerDb, w.admin, w.owner, officeEvidence, w.practice.practiceId, { clientId: w.record.id, requestId: id, ...signature(5) })).rejects.toMatchObject({ code: 'conflict' })
  })
})

describe('signing with a partner', () => {
  it('gives the partner her own link after the countersignature; her signature seals it and she can download it', async () => {
    const id = await send(true)
    await signAsClient(w.clientDb, w.admin, w.client, phoneEvidence, { requestId: id, answers: {}, ...signature(6) })
    await countersign(w.ownerDb, w.admin, w.owner, officeEvidence, w.practice.practiceId, { clientId: w.record.id, requestId: id, ...signature(7, { typedName: 'Maya Rivera' }) })
    expect((await getRequestDetail(w.ownerDb, id))!.summary.sealedAt).toBeNull()
    const [mail] = await sql`select payload from public.notifications where idempotency_key = ${'partner-signature:' + id}`
    const token = String((mail!.payload as { path: string }).path).split('/').pop()!
    expect((await requestForPartnerToken(w.admin, token))!.summary.id).toBe(id)
    expect(await partnerPdfDownload(w.admin, token, phoneEvidence)).toEqual({ ok: false, reason: 'not_found' })
    await expect(signAsPartner(w.admin, phoneEvidence, { token: 'a'.repeat(64), ...signature(8) })).rejects.toMatchObject({ code: 'not_found' })
    await signAsPartner(w.admin, { ip: '192.0.2.50', userAgent: 'Partner phone' }, { token, ...signature(8, { typedName: 'Sam Bennett' }) })
    const detail = (await getRequestDetail(w.ownerDb, id))!
    expect(detail.summary.sealedAt).not.toBeNull()
    const certificate = pdfPages(await storedPdf(w.admin, detail.pdfPath!)).at(-1)!.replace(/\s+/g, ' ')
    expect(certificate).toContain('Partner: Sam Bennett')
    expect(certificate).toContain('sam.partner@example.com')
    expect(certificate).toContain('192.0.2.50')
    const download = await partnerPdfDownload(w.admin, token, phoneEvidence)
    if (!download.ok) throw new Error(download.reason)
    expect((await fetch(download.url)).status).toBe(200)
  })
})

describe('an agreement naming what her record lacks', () => {
  it('is not sent with a blank in it', async () => {
    await sql`update public.journeys set primary_doula_id = null where id = ${w.record.journeyId}`
    try {
      await expect(sendForm(w.ownerDb, w.practice, { clientId: w.record.id, templateId: agreement, note: '', dueOn: '', fee: '$900', partnerName: '', partnerEmail: '' }))
        .rejects.toThrow('This agreement names her primary doula, and she has none yet: choose one on her overview first.')
    } finally {
      await sql`update public.journeys set primary_doula_id = ${w.doula.id} where id = ${w.record.journeyId}`
    }
  })
})
