import type { NextConfig } from 'next'

/**
 * The same static security headers vercel.json sets on Vercel, so `next start` (e2e, self-hosting)
 * behaves like production. The CSP with its per-request nonce comes from proxy.ts.
 */
const securityHeaders = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
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
    // whom, and X-Frame-Options, which cannot say it, is left off them.
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/((?!p/[^/]+/?$).*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
    ]
  },
}

export default nextConfig
