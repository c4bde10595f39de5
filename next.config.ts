import type { NextConfig } from 'next'

/**
 * The same static security headers vercel.json sets on Vercel, so `next start` (e2e, self-hosting)
 * behaves like production. The CSP with its per-request nonce comes from proxy.ts.
 */
const securityHeaders = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
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
    // whom, and X-Frame-Options, which cannot say it, is left off them. Their form must also work
    // without JavaScript, and under no-referrer the browser posts it with `Origin: null`, which Next
    // refuses; same-origin keeps the origin on their own posts and still sends nothing elsewhere.
    return [
      { source: '/:path*', headers: securityHeaders },
      {
        source: '/((?!p/[^/]+/?$).*)',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
        ],
      },
      { source: '/p/:slug', headers: [{ key: 'Referrer-Policy', value: 'same-origin' }] },
    ]
  },
}

export default nextConfig
