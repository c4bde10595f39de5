import { formatIn, type DateFormat } from '@/lib/dates/zoned-format'
import type { SignatureDetail } from '@/lib/paperwork/queries'
import type { SignerRole } from '@/lib/paperwork/status'

const WHEN: DateFormat = { locale: 'en-US', options: { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } }
const ROLE_TITLES: Record<SignerRole, string> = { client: 'Client', practice: 'For the practice', partner: 'Partner' }

/** Who has signed (with the drawn signature) and who is still to sign, in signing order. */
export function SignatureList({ signatures, partnerName, timeZone }: { signatures: SignatureDetail[]; partnerName: string | null; timeZone: string }) {
  const roles: SignerRole[] = partnerName ? ['client', 'practice', 'partner'] : ['client', 'practice']
  return (
    <ul className="grid gap-3 sm:grid-cols-2" data-test="signatures">
      {roles.map((role) => {
        const signed = signatures.find((s) => s.role === role)
        return (
          <li key={role} className="rounded-lg border border-border bg-card p-3" data-test="signature" data-role={role} data-signed={signed ? 'yes' : 'no'}>
            <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{ROLE_TITLES[role]}</p>
            {signed ? (
              <>
                {/* A data URL of the stored PNG: the page never links to a file, and there is nothing for next/image to optimise. */}
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img
                  src={`data:image/png;base64,${Buffer.from(signed.imagePng).toString('base64')}`}
                  alt={`Signature of ${signed.signerName}`}
                  className="my-2 h-16 w-full rounded bg-muted/40 object-contain"
                />
                <p className="font-medium">{signed.signerName}</p>
                <p className="text-sm text-muted-foreground">Signed {formatIn(WHEN, timeZone).format(new Date(signed.signedAt))}</p>
              </>
            ) : (
              <p className="mt-2 text-sm text-muted-foreground">
                {role === 'partner' && partnerName ? `${partnerName}: ` : ''}not signed yet
              </p>
            )}
          </li>
        )
      })}
    </ul>
  )
}
