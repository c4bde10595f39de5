import type { Ctx } from './matrix.ts'

/**
 * Access to objects in the private client-files bucket through supabase.storage, per persona
 * (same columns as matrix.ts: anon, ownerA, adminA, doulaA, clientA1, clientA2, doulaB,
 * clientB1, doulaBClientA).
 *
 *   ✓  allowed   ✗  refused loudly (RLS violation)   ∅  not found / not listed / nothing removed
 *
 * Uploads go to <practice A>/<client A1>/<new file>; the other operations target one fresh
 * object per cell under the same prefix, described by the case.
 */
export type StorageOp = 'download' | 'list' | 'sign' | 'signUpload' | 'remove'
export const STORAGE_OPS: StorageOp[] = ['download', 'list', 'sign', 'signUpload', 'remove']

export interface ObjectCase {
  variant: string
  /** Who the document row says uploaded it, whether it is shared, and who owns the object. */
  object(ctx: Ctx): { uploadedBy: string; shared: boolean; ownerId: string | null }
  expect: Record<StorageOp, string>
}

/**
 * No person holds a file capability: files go in and out only through the app's server, which
 * checks the document row first (S-issue 13). So Storage itself grants nobody anything, whatever
 * the object: these rows are the proof that the bucket has no policy for persons.
 */
const NOBODY = {
  //          anon oA aA dA c1 c2 dB cB dBcA
  download:   '∅    ∅  ∅  ∅  ∅  ∅  ∅  ∅  ∅',
  list:       '∅    ∅  ∅  ∅  ∅  ∅  ∅  ∅  ∅',
  sign:       '∅    ∅  ∅  ∅  ∅  ∅  ∅  ∅  ∅',
  signUpload: '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗',
  remove:     '∅    ∅  ∅  ∅  ∅  ∅  ∅  ∅  ∅',
}

export const UPLOAD_EXPECTED =
  //anon oA aA dA c1 c2 dB cB dBcA
  '✗    ✗  ✗  ✗  ✗  ✗  ✗  ✗  ✗'

export const OBJECT_CASES: ObjectCase[] = [
  {
    variant: 'a document shared with client A1',
    object: ({ world }) => ({ uploadedBy: world.personas.doulaA.user!.id, shared: true, ownerId: world.personas.doulaA.user!.id }),
    expect: NOBODY,
  },
  {
    variant: 'a document not shared with the client',
    object: ({ world }) => ({ uploadedBy: world.personas.doulaA.user!.id, shared: false, ownerId: world.personas.doulaA.user!.id }),
    expect: NOBODY,
  },
  {
    variant: "client A1's own upload, not shared",
    object: ({ world }) => ({ uploadedBy: world.personas.clientA1.user!.id, shared: false, ownerId: world.personas.clientA1.user!.id }),
    expect: NOBODY,
  },
]
