import nextPlugin from '@next/eslint-plugin-next'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/** Only these wrappers may import the SDKs, so every call goes through one configured place. */
const SDK_WRAPPERS = ['lib/supabase/**', 'lib/email/send.ts', 'lib/billing/stripe.ts']
/** The stand-in, its scripts and tests drive the official clients directly on purpose. */
const SDK_EXEMPT = ['supabase/**', 'scripts/**', 'tests/**', 'bench/**', '*.config.ts']
/** The app's own code: what `next build` ships. Tools (scripts, tests, bench, the stand-in) configure the processes they start. */
const APP_CODE = ['app/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'emails/**/*.{ts,tsx}', 'proxy.ts']
/** The env modules: the only app code that reads process.env. */
const ENV_MODULES = ['lib/env.ts', 'lib/env-public.ts']
/** What makes a module UI: components, pages, client hooks and icon or primitive libraries. */
const UI_IMPORTS = [
  { group: ['@/components/*', '@/app/*'], message: 'lib/ holds no UI: put components under components/ or beside their route in app/.' },
  { group: ['react-dom', 'react-dom/*', 'next-safe-action/hooks', '@next-safe-action/*', 'react-hook-form', '@hookform/*', 'lucide-react', 'radix-ui', 'next/link', 'next/image'], message: 'lib/ holds no UI: client components live under components/ or app/.' },
]

export default tseslint.config(
  {
    ignores: ['.next/**', 'node_modules/**', '.local/**', 'coverage/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'lib/database.types.ts'],
  },
  ...tseslint.configs.recommended,
  nextPlugin.configs['core-web-vitals'],
  reactHooks.configs.flat['recommended-latest'],
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: [...SDK_WRAPPERS, ...SDK_EXEMPT],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@supabase/*', '!@supabase/supabase-js'],
              message: 'Use the factories in lib/supabase/ (server, browser, middleware, admin).',
            },
            { group: ['stripe', '!@/lib/billing/stripe', '!./stripe', '!../stripe'], message: 'Use the Stripe wrapper in lib/billing/.' },
            { group: ['resend'], message: 'Send email through lib/email/send.ts.' },
          ],
          paths: [
            {
              name: '@supabase/supabase-js',
              allowTypeImports: true,
              message: 'Use the factories in lib/supabase/; importing types (SupabaseClient) is fine.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='getSession']",
          message: 'getSession() is not verified on the server: use getClaims() or getUser().',
        },
      ],
    },
  },
  {
    files: APP_CODE,
    ignores: ENV_MODULES,
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through serverEnv() (lib/env.ts) or publicEnv() (lib/env-public.ts).' },
      ],
    },
  },
  {
    files: ['lib/**/*.{ts,tsx}'],
    ignores: [...SDK_WRAPPERS, 'lib/server/db.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...UI_IMPORTS,
            { group: ['@supabase/*', '!@supabase/supabase-js'], message: 'Use the factories in lib/supabase/ (server, browser, middleware, admin).' },
            { group: ['stripe', '!@/lib/billing/stripe', '!./stripe', '!../stripe'], message: 'Use the Stripe wrapper in lib/billing/.' },
            { group: ['resend'], message: 'Send email through lib/email/send.ts.' },
          ],
          paths: [
            {
              name: '@supabase/supabase-js',
              importNames: ['SupabaseClient', 'createClient'],
              message: 'Take the typed Db from lib/server/db.ts; clients come from the factories in lib/supabase/.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='getSession']",
          message: 'getSession() is not verified on the server: use getClaims() or getUser().',
        },
        {
          selector: "Program > ExpressionStatement[directive='use client']",
          message: "lib/ holds no UI: a 'use client' module belongs under components/ or app/.",
        },
      ],
    },
  },
)
