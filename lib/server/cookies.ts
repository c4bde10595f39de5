import 'server-only'
import { cookies } from 'next/headers'
import { serverEnv } from '@/lib/env'

/** The practice the dashboard shows. Only a hint: membership is re-checked on every read. */
export const ACTIVE_PRACTICE_COOKIE = 'doulaos-practice'
/** The practice whose portal a client is looking at. Only a hint: her client record is re-checked on every read. */
export const PORTAL_PRACTICE_COOKIE = 'doulaos-portal-practice'

type ChoiceCookie = typeof ACTIVE_PRACTICE_COOKIE | typeof PORTAL_PRACTICE_COOKIE

/** The remembered choice, if any. */
export async function readChoice(name: ChoiceCookie): Promise<string | undefined> {
  return (await cookies()).get(name)?.value
}

/** Remembers a choice for the requests under `path`: HttpOnly, SameSite=Lax, Secure in production. */
export async function rememberChoice(name: ChoiceCookie, value: string, path = '/'): Promise<void> {
  ;(await cookies()).set(name, value, { path, httpOnly: true, sameSite: 'lax', secure: serverEnv().NODE_ENV === 'production' })
}
