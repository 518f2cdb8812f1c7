import { createHash } from "node:crypto";
import { chmod, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { normalizeBareJid } from "../credentials/bare-jid.js";
import type { AccountRecords, RecordsStore } from "./account-records.js";
import { createActivityLog } from "./activity-log.js";
import { RECORD_DIR_MODE } from "./atomic-file.js";
import { createSeenStore } from "./seen-store.js";

type AccountFiles = { records: AccountRecords; remove: () => Promise<void> };

/**
 * Records kept as files in `dir` (made 0700): per account `<hash>.activity.jsonl` and
 * `<hash>.seen.json`, named by a hash of the bare JID so that a folder listing names no account.
 * Every operation on one account starts after the previous one ended: appends land in call order,
 * and none interleaves with a compaction or a removal.
 */
export function createFileRecords(dir: string): RecordsStore {
  const accounts = new Map<string, AccountFiles>();
  let folderReady: Promise<void> | undefined;

  function ensureFolder(): Promise<void> {
    folderReady ??= (async () => {
      await mkdir(dir, { recursive: true, mode: RECORD_DIR_MODE });
      // mkdir leaves an existing folder's mode as it was.
      await chmod(dir, RECORD_DIR_MODE);
    })().catch((error: unknown) => {
      folderReady = undefined;
      throw error;
    });
    return folderReady;
  }

  function filesOf(jid: string): AccountFiles {
    const key = normalizeBareJid(jid) ?? jid;
    const known = accounts.get(key);
    if (known !== undefined) return known;
    const stem = join(dir, createHash("sha256").update(key).digest("hex").slice(0, 32));
    const log = createActivityLog(`${stem}.activity.jsonl`);
    const seen = createSeenStore(`${stem}.seen.json`);
    const queue = createSerialQueue();
    const writing = <T>(task: () => Promise<T>) => queue(async () => (await ensureFolder(), task()));
    const files: AccountFiles = {
      records: {
        appendActivity: (entry) => writing(() => log.append(entry)),
        readActivity: () => queue(() => log.read()),
        clearActivity: () => queue(() => log.clear()),
        readSeen: () => queue(() => seen.read()),
        writeSeen: (snapshot) => writing(() => seen.write(snapshot)),
      },
      remove: () => queue(async () => (await log.clear(), seen.remove())),
    };
    accounts.set(key, files);
    return files;
  }

  return {
    forAccount: (jid) => filesOf(jid).records,
    location: dir,
    removeAccount: (jid) => filesOf(jid).remove(),
  };
}

/** The records of an install whose settings are a file: in a "records" folder beside that file. */
export function createFileRecordsBeside(settingsFile: string): RecordsStore {
  return createFileRecords(join(dirname(settingsFile), "records"));
}

/** Runs tasks one after another in call order; a failed task fails its own caller only. */
function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = last.then(task, task);
    last = run.catch(() => {});
    return run;
  };
}
