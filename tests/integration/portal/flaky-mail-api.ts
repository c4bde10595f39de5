import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for a Resend outage in front of the local mailbox. Modes:
 *   down: answers 500 without forwarding (the provider is failing);
 *   lost: forwards, so the mail IS delivered, then answers 500 (the response was lost);
 *   up:   forwards and relays the answer.
 */
export type FlakyMode = 'down' | 'lost' | 'up'

export interface FlakyMailApi {
  url: string
  mode: FlakyMode
  /** Requests that reached the proxy, in any mode. */
  requests: number
  close(): Promise<void>
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<{ status: number; body: Buffer; type: string }> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host }
    const out = httpRequest(new URL(req.url ?? '/', target), { method: req.method, headers }, (res) => {
      readAll(res).then((b) => resolve({ status: res.statusCode ?? 502, body: b, type: String(res.headers['content-type'] ?? '') }), reject)
    })
    out.on('error', reject)
    out.end(body)
  })
}

const outage = (res: ServerResponse) => {
  res.writeHead(500, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ statusCode: 500, name: 'internal_server_error', message: 'Simulated outage' }))
}

export async function startFlakyMailApi(mailboxUrl: string): Promise<FlakyMailApi> {
  const target = new URL(mailboxUrl)
  const state: FlakyMailApi = { url: '', mode: 'down', requests: 0, close: async () => {} }
  const server = createServer((req, res) => {
    state.requests += 1
    readAll(req)
      .then(async (body) => {
        if (state.mode === 'down') return outage(res)
        const answer = await forward(target, req, body)
        if (state.mode === 'lost') return outage(res)
        res.writeHead(answer.status, { 'content-type': answer.type })
        res.end(answer.body)
      })
      .catch(() => outage(res))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  state.close = () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())))
  return state
}
