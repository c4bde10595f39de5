import { sendJson } from '../http.ts'
import type { Call } from './call.ts'
import { asCaller } from './caller.ts'
import { storageErrors } from './errors.ts'
import { assertValidKey } from './names.ts'
import { serveObject } from './serve.ts'
import { signUrlToken, UPLOAD_URL_TTL_S, verifyUrlToken } from './signing.ts'
import { assertCanUpload, findBucketOrThrow, findObject, findObjectAsCaller } from './store.ts'
import { uploadObject } from './upload.ts'

const NOT_ACCESSIBLE = 'Either the object does not exist or you do not have access to it'

function expiresInOf(body: { expiresIn?: unknown }): number {
  const { expiresIn } = body
  if (expiresIn === undefined) throw storageErrors.missingParameter('expiresIn')
  if (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn < 1) {
    throw storageErrors.invalidParameter('expiresIn')
  }
  return expiresIn
}

/** The token Storage's signed routes read from `?token=`. */
function tokenOf(call: Call): string {
  const token = call.url.searchParams.get('token')
  if (!token) throw storageErrors.missingParameter('token')
  return token
}

async function signedDownloadPath(call: Call, bucketId: string, name: string, expiresIn: number) {
  const token = await signUrlToken({ url: `${bucketId}/${name}`, scope: 'download' }, expiresIn, call.env.ctx.keys)
  return `/object/sign/${bucketId}/${name}?token=${token}`
}

/** POST `/object/sign/{bucket}/{key}`: only for an object the caller can SELECT. */
export async function handleSign(call: Call, bucketId: string, name: string) {
  const scope = await call.scope('storage.object.sign')
  const expiresIn = expiresInOf(await call.json<{ expiresIn: unknown }>())
  assertValidKey(name)
  await findBucketOrThrow(call.env.sql, bucketId)
  await findObjectAsCaller(call.env, scope, bucketId, name)
  sendJson(call.res, 200, { signedURL: await signedDownloadPath(call, bucketId, name, expiresIn) })
}

/** POST `/object/sign/{bucket}` with `{expiresIn, paths}`: one entry per path, in order. */
export async function handleSignMany(call: Call, bucketId: string) {
  const scope = await call.scope('storage.object.sign_many')
  const body = await call.json<{ expiresIn: unknown; paths: unknown }>()
  const expiresIn = expiresInOf(body)
  const { paths } = body
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) throw storageErrors.missingParameter('paths')
  await findBucketOrThrow(call.env.sql, bucketId)
  const visible = await asCaller(
    call.env.sql,
    scope,
    (tx) => tx<{ name: string }[]>`
      select name from storage.objects where bucket_id = ${bucketId} and name = any(${paths as string[]}::text[])`,
  )
  const names = new Set(visible.map((r) => r.name))
  const result = []
  for (const path of paths as string[]) {
    result.push(
      names.has(path)
        ? { error: null, path, signedURL: await signedDownloadPath(call, bucketId, path, expiresIn) }
        : { error: NOT_ACCESSIBLE, path, signedURL: null },
    )
  }
  sendJson(call.res, 200, result)
}

/** GET `/object/sign/{bucket}/{key}?token=`: no Authorization; the token is the permission. */
export async function handleSignedDownload(call: Call, bucketId: string, name: string) {
  const claims = await verifyUrlToken(tokenOf(call), 'download', `${bucketId}/${name}`, call.env.ctx.keys)
  assertValidKey(name)
  const row = await findObject(call.env.sql, bucketId, name)
  if (!row) throw storageErrors.noSuchKey()
  const extraHeaders: Record<string, string> = {}
  if (claims.exp !== undefined) extraHeaders.Expires = new Date(claims.exp * 1000).toUTCString()
  await serveObject(call.env, call.req, call.res, row, {
    headOnly: call.method === 'HEAD',
    download: call.url.searchParams.get('download'),
    extraHeaders,
  })
}

/** POST `/object/upload/sign/{bucket}/{key}`: the same RLS write test as an upload, then a token. */
export async function handleSignUpload(call: Call, bucketId: string, name: string) {
  const scope = await call.scope('storage.object.sign_upload_url')
  assertValidKey(name)
  const upsert = call.header('x-upsert') === 'true'
  await findBucketOrThrow(call.env.sql, bucketId)
  await assertCanUpload(call.env, scope, { bucketId, name, upsert })
  const token = await signUrlToken(
    { url: `${bucketId}/${name}`, scope: 'upload', owner: scope.caller.sub, upsert },
    UPLOAD_URL_TTL_S,
    call.env.ctx.keys,
  )
  sendJson(call.res, 200, { url: `/object/upload/sign/${bucketId}/${name}?token=${token}`, token })
}

/** PUT `/object/upload/sign/{bucket}/{key}?token=`: uploads as the token's owner; its `upsert` governs. */
export async function handleSignedUpload(call: Call, bucketId: string, name: string) {
  const claims = await verifyUrlToken(tokenOf(call), 'upload', `${bucketId}/${name}`, call.env.ctx.keys)
  const { key } = await uploadObject(call.env, call.req, {
    bucketId,
    name,
    upsert: claims.upsert === true,
    sub: claims.owner,
  })
  sendJson(call.res, 200, { Key: key })
}
