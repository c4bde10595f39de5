/**
 * The browser tab's title for a not-found page. A page that calls `notFound()` keeps its own
 * `metadata` title (Next.js does not apply a not-found file's metadata then: vercel/next.js#68392),
 * so a missing client would read "Client"; React places this <title> in the head instead.
 */
export function NotFoundTitle({ title }: { title: string }) {
  return <title>{`${title} · DoulaOS`}</title>
}
