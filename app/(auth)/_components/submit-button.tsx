import { buttonVariants } from '@/components/ui/button-variants'

/** The form's one large submit button; while the action runs it is disabled and says so. */
export function SubmitButton({ pending, label, pendingLabel, test }: { pending: boolean; label: string; pendingLabel: string; test: string }) {
  return (
    <button type="submit" className={buttonVariants({ size: 'lg' })} disabled={pending} data-test={test}>
      {pending ? pendingLabel : label}
    </button>
  )
}
