import { sendJson } from '../http.ts'
import type { LocalContext, Service } from '../types.ts'

export async function createAuthService(_ctx: LocalContext): Promise<Service> {
  return {
    async handle(_req, res) {
      sendJson(res, 501, { message: 'Not implemented yet' })
    },
  }
}
