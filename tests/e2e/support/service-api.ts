/** The stack's API with the service key, for seeding what the UI under test does not create itself. */

export function env(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run the suite through playwright.config.ts`)
  return value
}

export async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const key = env('E2E_SERVICE_ROLE_KEY')
  const res = await fetch(`${env('E2E_API_URL')}${path}`, {
    method,
    headers: { apikey: key, Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', Prefer: 'return=representation' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}
