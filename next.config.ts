import type { NextConfig } from 'next'

/**
 * The static security headers, here and nowhere else: Vercel applies these to the deployment, and
 * `next start` (e2e, self-hosting) sends the very same, so the tests see what production sends. The
 * CSP with its per-request nonce comes from proxy.ts.
 *
 * Referrer-Policy `same-origin`: a request to any other site (Stripe, a link in a message, a file
 * host) carries no Referer at all, so addresses that name a client or hold a search, and the sign-in
 * link's token, never reach another site's logs; not even our origin leaks, which
 * `strict-origin-when-cross-origin` would send. Our own posts keep their Origin, which Next.js
 * requires of a server action: under `no-referrer` the browser sends `Origin: null` with a plain
 * form post, and every form refused to work before JavaScript loaded.
 */
const securityHeaders = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()',
  },
]

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    // The inquiry pages (/p/<slug>) may be framed by a practice's site: the proxy's CSP says by
    // whom, and X-Frame-Options, which cannot say it, is left off them. The proxy does not run for
    // route handlers, so they get their `frame-ancestors` here.
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/((?!p/[^/]+/?$).*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "frame-ancestors 'none'" }] },
    ]
  },
}

export default nextConfig
