import { formatIn, type DateFormat } from '@/lib/dates/zoned-format'
import { parseAgreement, type Block } from '../agreement-text'
import { formatAnswer, type Answers, type Snapshot } from '../fields'
import type { SignatureDetail } from '../queries'
import type { SignerRole } from '../status'
import { COLORS, CONTENT_WIDTH, Layout, PAGE } from './layout'

export interface FormPdfInput {
  requestId: string
  practiceName: string
  /** The practice's IANA zone: dates read in it, and the certificate adds UTC. */
  timeZone: string
  clientName: string
  snapshot: Snapshot
  answers: Answers
  sentAt: string
  submittedAt: string | null
  contentSha256: string | null
  /** Agreements: who is asked to sign, in order, and who has. */
  partnerName: string | null
  signatures: SignatureDetail[]
  sealedAt: string | null
}

const ROLE_TITLES: Record<SignerRole, string> = { client: 'Client', practice: 'For the practice', partner: 'Partner' }

const ZONED: DateFormat = {
  locale: 'en-US',
  options: { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
}

/** "March 3, 2027 at 2:15 PM EST" in the practice's zone. */
function zoned(iso: string, timeZone: string): string {
  return formatIn(ZONED, timeZone).format(new Date(iso))
}

function utc(iso: string): string {
  return `${new Date(iso).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} UTC`
}

function header(l: Layout, input: FormPdfInput) {
  const { snapshot } = input
  l.text(input.practiceName, { size: 10, bold: true, color: COLORS.accent })
  l.space(4)
  l.text(snapshot.name, { size: 20, bold: true, leading: 26 })
  l.space(2)
  const kind = snapshot.kind === 'agreement' ? 'Agreement' : 'Intake form'
  l.text(`${kind} for ${input.clientName} · version ${snapshot.version ?? 1} · sent ${zoned(input.sentAt, input.timeZone)}`, { size: 9, color: COLORS.muted })
  l.text(
    input.submittedAt
      ? `${snapshot.kind === 'agreement' ? 'Signed by the client' : 'Submitted'} ${zoned(input.submittedAt, input.timeZone)}`
      : 'Not submitted yet: a draft of her answers so far',
    { size: 9, color: COLORS.muted },
  )
  l.space(6)
  l.rule()
  l.space(6)
}

function agreementText(l: Layout, blocks: Block[]) {
  for (const block of blocks) {
    if (block.type === 'heading') {
      const size = block.level === 1 ? 15 : 12
      // Keep a heading with the first lines after it.
      l.ensure(size * 1.6 + 40)
      l.space(block.level === 1 ? 6 : 8)
      l.rich(block.runs.map((r) => ({ ...r, bold: true })), { size, leading: size * 1.35 })
      l.space(2)
    } else if (block.type === 'paragraph') {
      l.rich(block.runs, { size: 10.5 })
      l.space(6)
    } else {
      for (const item of block.items) {
        l.ensure(16)
        const top = l.y
        l.rich(item, { size: 10.5, indent: 16 })
        l.page.drawCircle({ x: PAGE.margin + 5, y: top - 15.2 / 2 - 1, size: 1.6, color: COLORS.ink })
        l.space(2)
      }
      l.space(4)
    }
  }
}

function answers(l: Layout, input: FormPdfInput) {
  const fields = input.snapshot.fields
  if (fields.length === 0) return
  if (input.snapshot.kind === 'agreement') {
    l.space(8)
    l.ensure(60)
    l.text('Her answers', { size: 13, bold: true, leading: 18 })
    l.space(4)
  }
  for (const field of fields) {
    if (field.type === 'heading') {
      l.ensure(60)
      l.space(10)
      l.text(field.label, { size: 12.5, bold: true, color: COLORS.accent, leading: 17 })
      if (field.help) l.text(field.help, { size: 9, color: COLORS.muted })
      l.space(4)
      continue
    }
    // A question stays with (at least the start of) its answer.
    l.ensure(40)
    l.text(`${field.label}${field.required ? ' *' : ''}`, { size: 9.5, bold: true, color: COLORS.muted, leading: 13 })
    l.text(formatAnswer(field, input.answers[field.id]), { size: 10.5, leading: 15 })
    l.space(7)
  }
}

function signerOrder(input: FormPdfInput): SignerRole[] {
  return input.partnerName ? ['client', 'practice', 'partner'] : ['client', 'practice']
}

async function signatures(l: Layout, input: FormPdfInput) {
  l.space(10)
  l.ensure(130)
  l.text('Signatures', { size: 13, bold: true, leading: 18 })
  l.space(6)
  const boxWidth = (CONTENT_WIDTH - 24) / 2
  const roles = signerOrder(input)
  for (let i = 0; i < roles.length; i += 2) {
    l.ensure(112)
    const top = l.y
    for (const [column, role] of roles.slice(i, i + 2).entries()) {
      const x = PAGE.margin + column * (boxWidth + 24)
      const signed = input.signatures.find((s) => s.role === role)
      l.page.drawRectangle({ x, y: top - 70, width: boxWidth, height: 64, color: COLORS.wash, borderColor: COLORS.line, borderWidth: 0.75 })
      if (signed) {
        const image = await l.doc.embedPng(signed.imagePng)
        const scale = Math.min((boxWidth - 16) / image.width, 56 / image.height, 1)
        l.page.drawImage(image, { x: x + 8, y: top - 66, width: image.width * scale, height: image.height * scale })
      }
      const name = signed ? signed.signerName : role === 'partner' ? (input.partnerName ?? 'Partner') : 'Not signed yet'
      const when = signed ? `Signed ${zoned(signed.signedAt, input.timeZone)}` : 'Waiting for this signature'
      l.page.drawText(l.clean(l.fonts.bold, `${ROLE_TITLES[role]}: ${name}`).slice(0, 60), { x, y: top - 84, size: 9.5, font: l.fonts.bold, color: COLORS.ink })
      l.page.drawText(l.clean(l.fonts.regular, when), { x, y: top - 97, size: 8.5, font: l.fonts.regular, color: COLORS.muted })
    }
    l.y = top - 112
  }
}

function certificate(l: Layout, input: FormPdfInput) {
  l.newPage()
  l.text('Signature certificate', { size: 18, bold: true, leading: 24 })
  l.text(`${input.snapshot.name}, version ${input.snapshot.version ?? 1}, for ${input.clientName}`, { size: 10, color: COLORS.muted })
  l.space(8)
  const row = (label: string, value: string) => {
    l.ensure(28)
    l.text(label, { size: 8.5, bold: true, color: COLORS.muted, leading: 12 })
    l.text(value, { size: 10, leading: 14 })
    l.space(6)
  }
  row('Document', input.requestId)
  row('Status', input.sealedAt ? `Sealed ${zoned(input.sealedAt, input.timeZone)} (${utc(input.sealedAt)}): signed by everyone, no longer changeable` : 'Waiting for more signatures')
  l.ensure(40)
  l.text('Content SHA-256', { size: 8.5, bold: true, color: COLORS.muted, leading: 12 })
  l.mono(input.contentSha256 ?? 'not submitted yet', { size: 9 })
  l.text(
    'The SHA-256 of the canonical JSON of the text she was shown, its fields and her answers (keys sorted, no spaces): every signature below signed this value.',
    { size: 8.5, color: COLORS.muted, leading: 12 },
  )
  l.space(6)
  for (const signer of input.signatures) {
    l.ensure(180)
    l.rule()
    l.space(2)
    l.text(`${ROLE_TITLES[signer.role]}: ${signer.signerName}`, { size: 12, bold: true, leading: 17 })
    row('Email', signer.signerEmail ?? 'not recorded')
    row('Signed at', `${utc(signer.signedAt)} · ${zoned(signer.signedAt, signer.timeZone)} (${signer.timeZone})`)
    row('IP address', signer.ip ?? 'not recorded')
    row('Browser', signer.userAgent ?? 'not recorded')
    l.ensure(30)
    l.text('Signed content SHA-256', { size: 8.5, bold: true, color: COLORS.muted, leading: 12 })
    l.mono(signer.contentSha256, { size: 9 })
    l.space(3)
    row('Consent to sign electronically', signer.consentText)
  }
}

/** The PDF of one sent form: her answers, and for an agreement its text, signatures and certificate. */
export async function renderFormPdf(input: FormPdfInput): Promise<Uint8Array> {
  const l = await Layout.create(`${input.snapshot.name} — ${input.clientName}`, input.practiceName)
  header(l, input)
  if (input.snapshot.kind === 'agreement') agreementText(l, parseAgreement(input.snapshot.body ?? ''))
  answers(l, input)
  if (input.snapshot.kind === 'agreement') {
    await signatures(l, input)
    if (input.signatures.length > 0) certificate(l, input)
  }
  l.footers(`${input.practiceName} · ${input.snapshot.name} · ${input.clientName}`)
  return l.doc.save({ useObjectStreams: true })
}
