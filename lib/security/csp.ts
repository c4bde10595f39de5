/**
 * The Content Security Policy for one response. Scripts run only with this request's nonce (plus
 * what those scripts load, via 'strict-dynamic'); nothing may frame the app unless the caller says
 * who may (`frameAncestors`, for the embeddable inquiry pages only), and the page may only talk to
 * itself and the Supabase API.
 */
export function contentSecurityPolicy({
  nonce,
  supabaseUrl,
  dev,
  https,
  frameAncestors = "'none'",
}: {
  nonce: string
  supabaseUrl: string
  dev: boolean
  https: boolean
  frameAncestors?: string
}): string {
  const directives = [
    "default-src 'self'",
    // Development needs eval for React's debugging and inline styles for hot reloading.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    // Positioning of menus and dialogs is written into style attributes.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self' ${new URL(supabaseUrl).origin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
    ...(https ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
}

/** 128 random bits, base64: unguessable and fresh for every request. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
}

/** The public inquiry pages (/p/<slug>), which a practice embeds in an iframe on its own site. */
export const isEmbeddable = (pathname: string): boolean => /^\/p\/[^/]+\/?$/.test(pathname)
