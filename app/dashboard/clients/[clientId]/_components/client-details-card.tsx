'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useHookFormAction } from '@next-safe-action/adapter-react-hook-form/hooks'
import { Pencil, Plus, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { useFieldArray } from 'react-hook-form'
import { FormField } from '@/components/form-field'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog'
import { FieldError } from '@/components/ui/field-error'
import { StatusMessage } from '@/components/ui/status-message'
import { saveClientDetailsAction } from '@/lib/clients/actions'
import { ClientDetailsSchema, MAX_CONTACTS, type ClientDetails } from '@/lib/clients/client-details.schema'

type Details = Omit<ClientDetails, 'clientId'>

const UTM_FIELDS = ['source', 'medium', 'campaign', 'term', 'content'] as const

/** Her address, partner and support contacts, and where she came from; edited in a dialog. */
export function ClientDetailsCard({ clientId, details }: { clientId: string; details: Details }) {
  const [open, setOpen] = useState(false)
  const a = details.address
  const address = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean)
  const utm = UTM_FIELDS.flatMap((k) => (details.utm[k] ? [`${k}: ${details.utm[k]}`] : []))
  return (
    <Card data-test="client-details">
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle>Details</CardTitle>
          <CardDescription>Address, partner and support contacts, and how she found you.</CardDescription>
        </div>
        <Button variant="outline" onClick={() => setOpen(true)} data-test="client-details-edit">
          <Pencil aria-hidden /> Edit
        </Button>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-muted-foreground">Address</dt>
            <dd className="mt-1 whitespace-pre-line break-words" data-test="client-details-address">
              {address.length > 0 ? address.join('\n') : 'Not given'}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-muted-foreground">Partner and support</dt>
            <dd className="mt-1" data-test="client-details-contacts">
              {details.contacts.length === 0 ? (
                'None yet'
              ) : (
                <ul className="flex flex-col gap-2">
                  {details.contacts.map((c, i) => (
                    <li key={i} className="break-words">
                      <span className="font-medium">{c.name}</span>
                      {c.relationship ? <span className="text-muted-foreground"> ({c.relationship})</span> : null}
                      {c.phone || c.email ? <span className="block text-sm text-muted-foreground">{[c.phone, c.email].filter(Boolean).join(' · ')}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-muted-foreground">Lead source</dt>
            <dd className="mt-1 break-words" data-test="client-details-source">
              {details.leadSource || 'Not recorded'}
              {utm.length > 0 ? <span className="block text-sm text-muted-foreground">{utm.join(' · ')}</span> : null}
            </dd>
          </div>
        </dl>
      </CardContent>
      {open ? <DetailsDialog clientId={clientId} details={details} onClose={() => setOpen(false)} /> : null}
    </Card>
  )
}

function DetailsDialog({ clientId, details, onClose }: { clientId: string; details: Details; onClose: () => void }) {
  const { form, action } = useHookFormAction(saveClientDetailsAction, zodResolver(ClientDetailsSchema), {
    formProps: { defaultValues: { clientId, ...details } },
    actionProps: { onSuccess: onClose },
  })
  const contacts = useFieldArray({ control: form.control, name: 'contacts' })
  const { errors } = form.formState
  const field = (name: Parameters<typeof form.register>[0], label: string, error: string | undefined, props: { type?: string; autoComplete?: string } = {}) => (
    <FormField id={`details-${name.replaceAll('.', '-')}`} label={label} error={error} autoComplete="off" {...props} {...form.register(name)} />
  )
  return (
    <Dialog open onOpenChange={(next) => (next ? null : onClose())}>
      <DialogContent data-test="client-details-dialog" className="max-h-[90vh] overflow-y-auto">
        <DialogTitle>Edit details</DialogTitle>
        <DialogDescription>Everything here is optional.</DialogDescription>
        <form noValidate className="mt-5 flex flex-col gap-6" onSubmit={form.handleSubmit(() => action.execute(form.getValues()))}>
          <fieldset className="flex flex-col gap-4">
            <legend className="mb-3 font-medium">Address</legend>
            {field('address.line1', 'Street and number', errors.address?.line1?.message)}
            {field('address.line2', 'Apartment, suite (optional)', errors.address?.line2?.message)}
            <div className="grid gap-4 sm:grid-cols-2">
              {field('address.city', 'City', errors.address?.city?.message)}
              {field('address.postalCode', 'Postal code', errors.address?.postalCode?.message)}
              {field('address.region', 'State or region', errors.address?.region?.message)}
              {field('address.country', 'Country', errors.address?.country?.message)}
            </div>
          </fieldset>

          <fieldset className="flex flex-col gap-4">
            <legend className="mb-3 font-medium">Partner and support contacts</legend>
            {contacts.fields.map((c, i) => (
              <div key={c.id} className="flex flex-col gap-3 rounded-lg border border-border p-3" data-test="client-details-contact">
                <div className="grid gap-3 sm:grid-cols-2">
                  {field(`contacts.${i}.name`, 'Name', errors.contacts?.[i]?.name?.message)}
                  {field(`contacts.${i}.relationship`, 'Relation (partner, mother, friend…)', errors.contacts?.[i]?.relationship?.message)}
                  {field(`contacts.${i}.phone`, 'Phone', errors.contacts?.[i]?.phone?.message, { type: 'tel' })}
                  {field(`contacts.${i}.email`, 'Email', errors.contacts?.[i]?.email?.message, { type: 'email' })}
                </div>
                <Button variant="ghost" className="self-start" onClick={() => contacts.remove(i)}>
                  <Trash2 aria-hidden /> Remove this contact
                </Button>
              </div>
            ))}
            {contacts.fields.length < MAX_CONTACTS ? (
              <Button
                variant="outline"
                className="self-start"
                onClick={() => contacts.append({ name: '', relationship: '', phone: '', email: '' })}
                data-test="client-details-add-contact"
              >
                <Plus aria-hidden /> Add a contact
              </Button>
            ) : null}
            <FieldError id="details-contacts-error" message={errors.contacts?.message} />
          </fieldset>

          <fieldset className="flex flex-col gap-4">
            <legend className="mb-3 font-medium">How she found you</legend>
            {field('leadSource', 'Lead source (referral, website, …)', errors.leadSource?.message)}
            <div className="grid gap-4 sm:grid-cols-2">
              {UTM_FIELDS.map((k) => (
                <div key={k}>{field(`utm.${k}`, `UTM ${k}`, errors.utm?.[k]?.message)}</div>
              ))}
            </div>
          </fieldset>

          {action.result.serverError ? <StatusMessage tone="error">{action.result.serverError}</StatusMessage> : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={action.isPending} data-test="client-details-save">
              {action.isPending ? 'Saving…' : 'Save details'}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  )
}
