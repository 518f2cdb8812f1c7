import { open, rename, unlink } from "node:fs/promises";
import { dirname } from "node:path";

/** Records name the account and its clients: readable by the user alone. */
export const RECORD_FILE_MODE = 0o600;
export const RECORD_DIR_MODE = 0o700;

/**
 * Replaces `path` with `data` so that a crash at any moment leaves either the old file or the new
 * one, never a mix: write a temp file beside it, flush it, rename it over, flush the folder (so the
 * rename itself survives a power cut). Callers serialize writes to one path, so one temp name per
 * path is enough, and a temp file a crash left behind is simply replaced next time.
 */
export async function writeFileAtomically(path: string, data: string): Promise<void> {
  const temp = tempPathOf(path);
  await removeIfPresent(temp);
  const file = await open(temp, "wx", RECORD_FILE_MODE);
  try {
    await file.writeFile(data, "utf8");
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
  await syncFolder(dirname(path));
}

/** Removes a file written by writeFileAtomically, and any temp file a crash left beside it. */
export async function removeAtomicFile(path: string): Promise<void> {
  await removeIfPresent(tempPathOf(path));
  await removeIfPresent(path);
}

function tempPathOf(path: string): string {
  return `${path}.tmp`;
}

async function removeIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if (!isMissing(error)) throw error;
  });
}

export function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

/** Makes a file created or renamed in the folder survive a power cut, not only a crash. */
export async function syncFolder(path: string): Promise<void> {
  const folder = await open(path, "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
