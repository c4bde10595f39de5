import { AlertIcon } from './alert-icon'

/** A failure of the whole submission (e.g. too many requests), announced assertively. */
export function FormAlert({ message }: { message?: string }) {
  if (!message) return null
  return (
    <div role="alert" className="flex items-start gap-2 rounded-md bg-danger-soft px-3 py-2.5 text-sm text-danger">
      <AlertIcon className="mt-0.5 size-4 shrink-0" />
      <div>{message}</div>
    </div>
  )
}
