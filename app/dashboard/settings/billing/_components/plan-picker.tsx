'use client'
import { useAction } from 'next-safe-action/hooks'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { FieldError } from '@/components/ui/field-error'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { StatusMessage } from '@/components/ui/status-message'
import { startCheckoutAction } from '@/lib/billing/actions'
import { StartCheckoutSchema } from '@/lib/billing/billing.schema'
import { cn } from '@/components/ui/cn'
import { formatAmount, MIN_TEAM_SEATS, PLAN_IDS, PLANS, TRIAL_DAYS, type BillingInterval, type PlanId } from '@/lib/billing/plans'

const INTERVAL_LABELS: Record<BillingInterval, string> = { month: 'Monthly', year: 'Yearly (2 months free)' }

/**
 * The owner picks a plan; the server turns it into a price by lookup key and opens Stripe Checkout.
 * Nothing here names a price or a customer.
 */
export function PlanPicker({ trial, members }: { trial: boolean; members: number }) {
  const [plan, setPlan] = useState<PlanId>(members > 1 ? 'team' : 'solo')
  const [interval, setInterval] = useState<BillingInterval>('month')
  const [seats, setSeats] = useState(String(Math.max(members, MIN_TEAM_SEATS)))
  const [seatError, setSeatError] = useState<string | undefined>()
  const { execute, isPending, result } = useAction(startCheckoutAction, {
    onSuccess({ data }) {
      if (data?.url) window.location.assign(data.url)
    },
    onError({ error }) {
      setSeatError(error.validationErrors?.seats?._errors?.[0])
    },
  })
  const going = isPending || (result.data?.url !== undefined && !result.serverError)

  function submit(event: React.FormEvent) {
    event.preventDefault()
    const input = { plan, interval, seats: plan === 'team' ? seats : undefined }
    const parsed = StartCheckoutSchema.safeParse(input)
    if (!parsed.success) {
      setSeatError(parsed.error.issues.find((i) => i.path[0] === 'seats')?.message)
      return
    }
    setSeatError(undefined)
    execute(parsed.data)
  }

  return (
    <form noValidate onSubmit={submit} className="space-y-6" data-test="plan-picker">
      <fieldset>
        <legend className="text-sm font-medium">Plan</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          {PLAN_IDS.map((id) => {
            const p = PLANS[id]
            return (
              <label
                key={id}
                className={cn(
                  'flex cursor-pointer flex-col gap-1 rounded-lg border bg-card p-4 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring',
                  plan === id ? 'border-primary ring-1 ring-primary' : 'border-input',
                )}
              >
                <span className="flex items-center gap-2">
                  <input type="radio" name="plan" value={id} checked={plan === id} onChange={() => setPlan(id)} className="size-4 accent-primary" data-test={`plan-${id}`} />
                  <span className="font-semibold">{p.name}</span>
                  <span className="ml-auto text-sm tabular-nums">
                    {formatAmount(p.amounts[interval])}
                    <span className="text-muted-foreground">
                      /{interval === 'month' ? 'mo' : 'yr'}
                      {p.perSeat ? ' per seat' : ''}
                    </span>
                  </span>
                </span>
                <span className="text-sm text-muted-foreground">{p.description}</span>
              </label>
            )
          })}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <fieldset>
          <legend className="text-sm font-medium">Billing</legend>
          <div className="mt-1 flex flex-col">
            {(['month', 'year'] as const).map((value) => (
              <label key={value} className="flex min-h-11 items-center gap-2 text-sm">
                <input type="radio" name="interval" value={value} checked={interval === value} onChange={() => setInterval(value)} className="size-4 accent-primary" data-test={`interval-${value}`} />
                {INTERVAL_LABELS[value]}
              </label>
            ))}
          </div>
        </fieldset>
        {plan === 'team' ? (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="seats">Seats</Label>
            <Input
              id="seats"
              inputMode="numeric"
              value={seats}
              onChange={(e) => setSeats(e.target.value)}
              aria-invalid={seatError ? true : undefined}
              aria-describedby={seatError ? 'seats-error' : 'seats-hint'}
              className="max-w-32"
              data-test="plan-seats"
            />
            {seatError ? <FieldError id="seats-error" message={seatError} /> : (
              <p id="seats-hint" className="text-sm text-muted-foreground">One per member; your team has {members}.</p>
            )}
          </div>
        ) : null}
      </div>
      {result.serverError ? <StatusMessage tone="error">{result.serverError}</StatusMessage> : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
        <Button type="submit" size="lg" disabled={going} data-test="checkout-submit">
          {going ? 'Opening checkout…' : trial ? `Start your ${TRIAL_DAYS}-day free trial` : 'Subscribe'}
        </Button>
        <p className="text-sm text-muted-foreground">
          {trial ? 'No card needed to start. ' : ''}Payment is handled by Stripe.
        </p>
      </div>
    </form>
  )
}
