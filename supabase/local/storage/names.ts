import { resolve, sep } from 'node:path'
import { storageErrors } from './errors.ts'

/** Storage's own cap on object keys (bytes). */
const MAX_KEY_BYTES = 1024
const MAX_BUCKET_NAME = 100

// Control characters (C0, DEL, C1) never reach a key: they break headers, logs and file names.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/
const BUCKET_NAME = /^[A-Za-z0-9_!\-.*'() &$@=;:+,?]+$/

/**
 * Accepts an object key only if every segment is a real name: no empty, `.` or `..`
 * segments, no leading slash, no backslash, no control characters. This is what keeps
 * `objectDir` inside the bucket's folder; `objectDir` re-checks it anyway.
 */
export function assertValidKey(key: string): string {
  const ok =
    key.length > 0 &&
    Buffer.byteLength(key) <= MAX_KEY_BYTES &&
    !CONTROL_CHARS.test(key) &&
    !key.includes('\\') &&
    key.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
  if (!ok) throw storageErrors.invalidKey(key)
  return key
}

export function isValidBucketName(name: string): boolean {
  return name.length <= MAX_BUCKET_NAME && BUCKET_NAME.test(name) && name !== '.' && name !== '..'
}

/** Decodes URL path segments; a malformed escape is an invalid key, never a crash. */
export function decodeSegments(segments: string[]): string {
  try {
    return segments.map((s) => decodeURIComponent(s)).join('/')
  } catch {
    throw storageErrors.invalidKey(segments.join('/'))
  }
}

function inside(root: string, path: string) {
  return path.startsWith(root + sep)
}

export function bucketDir(storageDir: string, bucket: string): string {
  const root = resolve(storageDir)
  const dir = resolve(root, bucket)
  if (!isValidBucketName(bucket) || !inside(root, dir)) throw storageErrors.invalidBucketName()
  return dir
}

/**
 * Bytes of one object live at `<storageDir>/<bucket>/<key>/<version>`: a key and a key
 * below it (`a` and `a/b`) can then coexist, and a new version never overwrites the bytes
 * a committed row still points at.
 */
export function objectDir(storageDir: string, bucket: string, key: string): string {
  const root = bucketDir(storageDir, bucket)
  const dir = resolve(root, assertValidKey(key))
  if (!inside(root, dir)) throw storageErrors.invalidKey(key)
  return dir
}

const VERSION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The file of one version; undefined for rows whose version is not one this service wrote (no bytes). */
export function objectFile(storageDir: string, bucket: string, key: string, version: string | null): string | undefined {
  if (version === null || !VERSION.test(version)) return undefined
  return resolve(objectDir(storageDir, bucket, key), version)
}
