import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { Mailbox, MailMessage } from '../types.ts'

export interface StoredMail extends MailMessage {
  id: string
  createdAt: string
}

export interface MailboxServer extends Mailbox {
  server: Server
  messages(): StoredMail[]
}

export function createMailbox(): MailboxServer {
  const store: StoredMail[] = []
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify(store))
  })
  return {
    server,
    messages: () => store,
    deliver(message) {
      const id = randomUUID()
      store.push({ ...message, id, createdAt: new Date().toISOString() })
      return { id }
    },
  }
}
