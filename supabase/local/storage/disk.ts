import { copyFile, mkdir, rename, rm, rmdir } from 'node:fs/promises'
import { dirname, resolve, sep } from 'node:path'

/** Moves a finished temp file to its version path (same filesystem, so the rename is atomic). */
export async function placeFile(tmpPath: string, dest: string) {
  await mkdir(dirname(dest), { recursive: true })
  await rename(tmpPath, dest)
}

export async function copyVersion(src: string, dest: string) {
  await mkdir(dirname(dest), { recursive: true })
  await copyFile(src, dest)
}

/**
 * Deletes one version file, then every folder it leaves empty up to (not including)
 * `stopAt`, so removed objects leave no trace on disk.
 */
export async function removeVersion(path: string, stopAt: string) {
  await rm(path, { force: true })
  const root = resolve(stopAt)
  let dir = dirname(resolve(path))
  while (dir.startsWith(root + sep)) {
    try {
      await rmdir(dir)
    } catch {
      return // not empty (another key or version lives here) or already gone
    }
    dir = dirname(dir)
  }
}
