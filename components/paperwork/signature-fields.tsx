'use client'
import type { DefaultValues, FieldErrors, UseFormRegisterReturn } from 'react-hook-form'
import { FormField } from '@/components/form-field'
import { FieldError } from '@/components/ui/field-error'
import { ESIGN_CONSENT, type SignatureInput } from '@/lib/paperwork/signature.schema'
import { SignaturePad } from './signature-pad'

export type SignatureValues = SignatureInput

/** A signature not yet given: the consent box starts unticked. */
export const emptySignature: DefaultValues<SignatureValues> = { typedName: '', signature: '' }

/** The part of a react-hook-form the signature uses (the form may hold more, like her answers). */
export interface SignatureForm {
  register: (name: 'typedName' | 'consent') => UseFormRegisterReturn
  setValue: (name: 'signature', value: string, options: { shouldValidate: boolean }) => void
  formState: { errors: FieldErrors<SignatureValues>; isSubmitted: boolean }
}

/** Typed name, drawn signature and the consent to sign electronically: one signer's part of a form. */
export function SignatureFields({ form, idPrefix, nameLabel = 'Type your full name' }: { form: SignatureForm; idPrefix: string; nameLabel?: string }) {
  const { errors } = form.formState
  return (
    <div className="flex flex-col gap-5" data-test="signature-fields">
      <FormField id={`${idPrefix}-name`} label={nameLabel} autoComplete="name" maxLength={200} error={errors.typedName?.message} {...form.register('typedName')} />
      <SignaturePad
        id={`${idPrefix}-pad`}
        label="Your signature"
        error={errors.signature?.message}
        onChange={(png) => form.setValue('signature', png ?? '', { shouldValidate: form.formState.isSubmitted })}
      />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${idPrefix}-consent`} className="flex cursor-pointer items-start gap-3 rounded-md border border-input bg-card p-3 text-sm has-[:checked]:border-primary">
          <input
            id={`${idPrefix}-consent`}
            type="checkbox"
            className="mt-0.5 size-5 shrink-0 accent-primary"
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? `${idPrefix}-consent-error` : undefined}
            data-test="signature-consent"
            {...form.register('consent')}
          />
          <span>{ESIGN_CONSENT}</span>
        </label>
        <FieldError id={`${idPrefix}-consent-error`} message={errors.consent?.message} />
      </div>
    </div>
  )
}
