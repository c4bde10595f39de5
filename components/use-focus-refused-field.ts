'use client'
import { useEffect } from 'react'
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form'

/**
 * Moves focus to the first field, in form order, that the server refused (the adapter has already
 * put the message on it), so a keyboard or screen-reader user lands where the fix is needed.
 */
export function useFocusRefusedField<Values extends FieldValues>(
  form: UseFormReturn<Values, unknown, unknown>,
  fields: readonly Path<Values>[],
  refused: Partial<Record<string, unknown>> | undefined,
): void {
  useEffect(() => {
    const first = fields.find((name) => refused?.[name])
    if (first) form.setFocus(first)
  }, [form, fields, refused])
}
