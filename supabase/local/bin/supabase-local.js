#!/usr/bin/env node
// supabase-local start|reset — the stand-in's CLI. Its sources are TypeScript, run through tsx.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../cli.ts')
await main(process.argv.slice(2))
