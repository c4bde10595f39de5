import nextPlugin from '@next/eslint-plugin-next'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/** Only these wrappers may import the SDKs, so every call goes through one configured place. */
const SDK_WRAPPERS = ['lib/supabase/**', 'lib/email/send.ts', 'lib/billing/stripe.ts']
/** The stand-in, its scripts and tests drive the official clients directly on purpose. */
const SDK_EXEMPT = ['supabase/**', 'scripts/**', 'tests/**', 'bench/**', '*.config.ts']

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
)
