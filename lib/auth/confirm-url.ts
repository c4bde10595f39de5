import { safeRedirectPath } from '@/lib/redirect'

/** The app's `/auth/confirm` on the site URL, with an in-app `next` to return to after the link. */
export function confirmUrl(siteUrl: string, next?: string): string {
  const url = new URL('/auth/confirm', siteUrl)
  if (next) url.searchParams.set('next', safeRedirectPath(next))
  return url.toString()
}
